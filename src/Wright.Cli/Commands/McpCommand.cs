using System.CommandLine;
using System.Globalization;
using Wright.Cli.Hosting;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Cli.Text;
using Wright.Mcp;
using Wright.Mcp.Auth;

namespace Wright.Cli.Commands;

/// <summary><c>wright mcp list|add|remove|login|logout|serve</c>.</summary>
internal static class McpCommand
{
    public static Command Create(Option<string?> cwd)
    {
        var mcp = new Command("mcp", Strings.McpDescription);
        var scope = new Option<string>("--scope", "-s") { Description = Strings.McpScopeOption, DefaultValueFactory = _ => "user" };
        scope.AcceptOnlyFromAmong("user", "project");

        var list = new Command("list", Strings.McpListDescription) { cwd };
        list.SetAction((result, ct) => ListAsync(result.GetValue(cwd), ct));

        var name = new Argument<string>("name");
        var target = new Argument<string>("command-or-url");
        var rest = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore };
        var env = new Option<string[]>("--env", "-e") { Description = Strings.McpEnvOption };
        var header = new Option<string[]>("--header", "-H") { Description = Strings.McpHeaderOption };
        var transport = new Option<string?>("--transport", "-t") { Description = Strings.McpTransportOption };
        transport.AcceptOnlyFromAmong("stdio", "http", "sse");
        var add = new Command("add", Strings.McpAddDescription) { name, target, rest, scope, env, header, transport, cwd };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(result => Add(result.GetValue(name)!, result.GetValue(target)!, [.. result.GetValue(rest) ?? [], .. result.UnmatchedTokens],
            result.GetValue(scope)!, result.GetValue(env) ?? [], result.GetValue(header) ?? [], result.GetValue(transport), result.GetValue(cwd)));

        var removeName = new Argument<string>("name");
        var remove = new Command("remove", Strings.McpRemoveDescription) { removeName, scope, cwd };
        remove.SetAction(result => Remove(result.GetValue(removeName)!, result.GetValue(scope)!, result.GetValue(cwd)));

        mcp.Add(McpServeCommand.Create(cwd));
        mcp.Add(list);
        mcp.Add(add);
        mcp.Add(remove);
        foreach (var command in McpLoginCommand.Create(cwd))
            mcp.Add(command);
        mcp.Add(McpConformanceClient.Create());
        return mcp;
    }

    private static (string Home, string Workspace) Locate(string? cwd) =>
        (WrightHome.Resolve(Environment.GetEnvironmentVariable),
         WrightRuntime.Canonicalize(cwd ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory());

    private static string FileFor(string scope, string home, string workspace) =>
        scope == "project" ? McpSetup.ProjectFile(workspace) ?? Path.Combine(workspace, ".wright", McpSetup.FileName) : McpSetup.UserFile(home);

    private static async Task<int> ListAsync(string? cwd, CancellationToken cancellationToken)
    {
        var (home, workspace) = Locate(cwd);
        var warnings = new List<string>();
        List<McpServerConfig> servers;
        try
        {
            servers = McpSetup.Load(home, workspace, warnings);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync(Strings.ErrorPrefix + ex.Message);
            return ExitCodes.Usage;
        }

        foreach (var warning in warnings)
            await Console.Error.WriteLineAsync("warning: " + warning);
        if (servers.Count == 0)
        {
            Console.WriteLine(Strings.McpNone);
            return ExitCodes.Success;
        }

        await using var hub = await McpHub.StartAsync(new McpHubOptions { Tokens = OAuthTokenStore.InHome(home), Workspace = workspace }, servers, cancellationToken);
        foreach (var status in hub.Statuses)
        {
            var server = servers.First(s => s.Name == status.Name);
            var what = server.Url?.ToString() ?? string.Join(' ', new[] { server.Command! }.Concat(server.Args));
            var state = status.Running ? $"running, {status.Tools} tools" : status.State + (status.Error is null ? "" : ": " + status.Error);
            Console.WriteLine($"{status.Name}\t{status.Transport}\t{what}\t{state}\t({server.Source})");
        }

        return hub.Statuses.All(s => s.Running || s.State == "disabled") ? ExitCodes.Success : ExitCodes.Error;
    }

    private static int Add(string name, string target, IReadOnlyList<string> args, string scope, IReadOnlyList<string> env, IReadOnlyList<string> headers,
        string? transport, string? cwd)
    {
        var (home, workspace) = Locate(cwd);
        var file = FileFor(scope, home, workspace);
        var isUrl = Uri.TryCreate(target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
        if ((transport is "http" or "sse") != isUrl && transport is not null)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + $"--transport {transport} needs {(isUrl ? "a command" : "an http(s) URL")}, got '{target}'");
            return ExitCodes.Usage;
        }

        var server = new McpServerConfig(name)
        {
            Command = isUrl ? null : target,
            Args = isUrl ? [] : args,
            Url = isUrl ? url : null,
            Type = isUrl ? transport ?? "http" : null,
            Env = Pairs(env, '='),
            Headers = Pairs(headers, ':'),
        };
        McpConfigFile.Upsert(file, server);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Strings.McpAdded, name, file));
        return ExitCodes.Success;
    }

    private static int Remove(string name, string scope, string? cwd)
    {
        var (home, workspace) = Locate(cwd);
        var file = FileFor(scope, home, workspace);
        if (!McpConfigFile.Remove(file, name))
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.McpNotFound, name, file));
            return ExitCodes.Usage;
        }

        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Strings.McpRemoved, name, file));
        return ExitCodes.Success;
    }

    private static Dictionary<string, string> Pairs(IReadOnlyList<string> items, char separator)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var at = item.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0)
                map[item[..at].Trim()] = item[(at + 1)..].Trim();
        }

        return map;
    }
}
