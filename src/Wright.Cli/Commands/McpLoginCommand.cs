using System.CommandLine;
using System.Globalization;
using Wright.Runtime.Configuration;
using Wright.Cli.Hosting;
using Wright.Runtime;
using Wright.Cli.Text;
using Wright.Mcp;
using Wright.Mcp.Auth;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright mcp login NAME</c> signs in to a remote server's authorization server (OAuth 2.1 with PKCE: the browser
/// opens the authorization page, or the URL is printed, and the redirect comes back to a loopback port) and stores the
/// tokens in <c>$WRIGHT_HOME/mcp-auth</c> (0600), where sessions find and refresh them. <c>logout NAME</c> forgets them.
/// </summary>
internal static class McpLoginCommand
{
    public static IEnumerable<Command> Create(Option<string?> cwd)
    {
        var loginName = new Argument<string>("name");
        var login = new Command("login", Strings.McpLoginDescription) { loginName, cwd };
        login.SetAction((result, ct) => LoginAsync(result.GetValue(loginName)!, result.GetValue(cwd), ct));

        var logoutName = new Argument<string>("name");
        var logout = new Command("logout", Strings.McpLogoutDescription) { logoutName, cwd };
        logout.SetAction(result => Logout(result.GetValue(logoutName)!, result.GetValue(cwd)));
        return [login, logout];
    }

    private static async Task<int> LoginAsync(string name, string? cwd, CancellationToken cancellationToken)
    {
        if (Find(name, cwd, out var home) is not { } server)
            return ExitCodes.Usage;
        if (server.Url is null)
        {
            await Console.Error.WriteLineAsync(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.McpLoginNotRemote, name));
            return ExitCodes.Usage;
        }

        var tokens = OAuthTokenStore.InHome(home);
        tokens.Delete(name); // a login is a fresh sign-in, whatever was stored
        using var loopback = LoopbackLogin.Start(server.OAuth?.CallbackPort ?? 0, Console.Error, Environment.GetEnvironmentVariable);
        await using var hub = await McpHub.StartAsync(new McpHubOptions { Tokens = tokens, Login = loopback }, [server with { Disabled = false }],
            cancellationToken);
        var status = hub.Statuses[0];
        if (!status.Running)
        {
            await Console.Error.WriteLineAsync(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.McpFailed, name, status.Error));
            return ExitCodes.Error;
        }

        Console.WriteLine(tokens.Has(name, server.Url)
            ? string.Format(CultureInfo.InvariantCulture, Strings.McpLoggedIn, name, status.Tools, tokens.FileOf(name))
            : string.Format(CultureInfo.InvariantCulture, Strings.McpNoLoginNeeded, name, status.Tools));
        return ExitCodes.Success;
    }

    private static int Logout(string name, string? cwd)
    {
        if (Find(name, cwd, out var home) is null)
            return ExitCodes.Usage;
        var removed = OAuthTokenStore.InHome(home).Delete(name);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, removed ? Strings.McpLoggedOut : Strings.McpNotLoggedIn, name));
        return ExitCodes.Success;
    }

    private static McpServerConfig? Find(string name, string? cwd, out string home)
    {
        home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
        var workspace = WrightRuntime.Canonicalize(cwd ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
        var warnings = new List<string>();
        List<McpServerConfig> servers;
        try
        {
            servers = McpSetup.Load(home, workspace, warnings);
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + ex.Message);
            return null;
        }

        foreach (var warning in warnings)
            Console.Error.WriteLine("warning: " + warning);
        var server = servers.FirstOrDefault(s => s.Name == name);
        if (server is null)
            Console.Error.WriteLine(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.McpUnknownServer, name));
        return server;
    }
}
