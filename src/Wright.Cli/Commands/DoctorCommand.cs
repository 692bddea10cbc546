using System.CommandLine;
using System.Globalization;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Core.Processes;
using Wright.Mcp;
using Wright.Providers;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright doctor</c>: the binary, <c>$WRIGHT_HOME</c>, config, sandbox, network allowlist proxy, provider keys
/// (present or not, never their values), the configured endpoint, MCP servers and git, one line each with what to
/// fix. Exit 1 when something is broken.
/// </summary>
internal static class DoctorCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(Option<string?> cwd)
    {
        var command = new Command("doctor", Strings.DoctorDescription) { cwd };
        command.SetAction((result, token) => RunAsync(result.GetValue(cwd), Environment.GetEnvironmentVariable, Console.Out, token));
        return command;
    }

    public static async Task<int> RunAsync(string? cwd, Func<string, string?> environment, TextWriter output, CancellationToken cancellationToken)
    {
        var failed = 0;
        void Line(bool? ok, string text)
        {
            output.WriteLine((ok switch { true => "✓ ", false => "✗ ", null => "! " }) + text);
            if (ok == false)
                failed++;
        }

        Line(true, string.Format(Inv, Strings.DoctorBinary, Environment.ProcessPath ?? "wright", typeof(DoctorCommand).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "?"));

        var home = WrightHome.Resolve(environment);
        var homeProblem = HomeProblem(home);
        Line(homeProblem is null, homeProblem is null ? string.Format(Inv, Strings.DoctorHomeOk, home) : string.Format(Inv, Strings.DoctorHomeBad, home, homeProblem));

        var workspace = Path.GetFullPath(cwd ?? Directory.GetCurrentDirectory());
        WrightConfig? config = null;
        try
        {
            config = Directory.Exists(workspace) ? ConfigLoader.Load(home, workspace) : ConfigLoader.LoadUser(home);
            Line(config.Warnings.Count == 0 ? true : null, config.Warnings.Count == 0
                ? string.Format(Inv, Strings.DoctorConfigOk, config.UserFile)
                : string.Format(Inv, Strings.DoctorConfigWarnings, config.Warnings.Count, config.Warnings[0]));
        }
        catch (ConfigException ex)
        {
            Line(false, ex.Message);
        }

        var (sandbox, reason) = Wright.Sandbox.BubblewrapLauncher.Probe();
        Line(sandbox, sandbox ? Strings.DoctorSandboxOk : string.Format(Inv, Strings.DoctorSandboxBad, reason));
        var socat = File.Exists("/usr/bin/socat");
        Line(socat ? true : null, socat ? Strings.DoctorProxyOk : Strings.DoctorProxyBad);

        // Keys as a session finds them: the environment, then those the first-run setup stored in $WRIGHT_HOME.
        var configured = config?.Providers ?? new Dictionary<string, ProviderOverride>();
        var withKey = ProviderKeys.Present(environment, home, configured)
            .Select(k => k.Provider + " (" + (k.Stored ? string.Format(Inv, Strings.DoctorKeyStored, k.Variable, StoredKeys.PathOf(home)) : k.Variable) + ")")
            .ToList();
        environment = StoredKeys.Over(environment, home);
        Line(withKey.Count > 0 ? true : null, withKey.Count > 0
            ? string.Format(Inv, Strings.DoctorKeys, string.Join(", ", withKey))
            : Strings.DoctorNoKeys);

        var model = environment("WRIGHT_MODEL") ?? config?.Model;
        if (model is null)
        {
            Line(null, Strings.DoctorNoModel);
        }
        else if (!ModelSpec.TryParse(model, out var spec, out var error))
        {
            Line(false, error);
        }
        else if (ProviderResolver.Resolve(spec, environment, configured, out var providerError) is not { } provider)
        {
            Line(false, string.Format(Inv, Strings.DoctorModelBad, model, providerError));
        }
        else
        {
            var reachable = await ReachableAsync(provider.BaseUrl, cancellationToken);
            Line(reachable is null, reachable is null
                ? string.Format(Inv, Strings.DoctorEndpointOk, model, provider.BaseUrl)
                : string.Format(Inv, Strings.DoctorEndpointBad, model, provider.BaseUrl, reachable));
        }

        var servers = new List<McpServerConfig>();
        foreach (var file in new[] { Path.Combine(home, "mcp.json"), Path.Combine(workspace, ".wright", "mcp.json") }.Distinct().Where(File.Exists))
        {
            try
            {
                servers.AddRange(McpConfigFile.Read(file));
            }
            catch (Exception ex) when (ex is FormatException or IOException or System.Text.Json.JsonException or InvalidOperationException)
            {
                Line(false, file + ": " + ex.Message);
            }
        }

        foreach (var server in servers.Where(s => !s.Disabled))
        {
            if (server.Command is { } program && !Path.IsPathRooted(program) && TrustedPrograms.Find(program) is null)
                Line(false, string.Format(Inv, Strings.DoctorMcpMissing, server.Name, program));
            else
                Line(true, string.Format(Inv, Strings.DoctorMcpOk, server.Name, server.Command ?? server.Url?.ToString()));
        }

        if (servers.Count == 0)
            Line(true, Strings.DoctorMcpNone);
        var git = TrustedPrograms.Find("git");
        Line(git is not null ? true : null, git is not null ? string.Format(Inv, Strings.DoctorGitOk, git) : Strings.DoctorGitMissing);

        output.WriteLine(failed == 0 ? Strings.DoctorAllGood : string.Format(Inv, Strings.DoctorProblems, failed));
        return failed == 0 ? ExitCodes.Success : ExitCodes.Error;
    }

    /// <summary>Null when <paramref name="home"/> is (or can become) a writable directory; else why not.</summary>
    public static string? HomeProblem(string home)
    {
        try
        {
            if (File.Exists(home))
                return Strings.DoctorHomeIsFile;
            Directory.CreateDirectory(home);
            var probe = Path.Combine(home, ".doctor-" + Environment.ProcessId.ToString(Inv));
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ex.Message;
        }
    }

    private static async Task<string?> ReachableAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(baseUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return null;   // any HTTP answer means the endpoint is there (a 401 or 404 on the base URL is normal)
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ex.Message;
        }
    }
}
