using System.CommandLine;
using System.Globalization;
using System.Net;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Mcp.Server;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Server;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright serve [--port 8420] [--max-parallel N] [--repo-root DIR]…</c>: the background-agent server — an
/// <see cref="InProcessScheduler"/> over the SQLite task store and a <see cref="TaskServer"/> (API, SSE, dashboard).
/// </summary>
internal static class ServeCommand
{
    /// <summary>The token file in <c>$WRIGHT_HOME</c>.</summary>
    public const string TokenFile = "server-token";

    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = Strings.ServePortOption };
        var parallel = new Option<int?>("--max-parallel") { Description = Strings.ServeMaxParallelOption };
        var roots = new Option<string[]>("--repo-root") { Description = Strings.ServeRepoRootOption };
        var host = new Option<string?>("--host") { Description = Strings.ServeHostOption };
        var expose = new Option<bool>("--expose") { Description = Strings.ServeExposeOption };
        var allowedHosts = new Option<string[]>("--allowed-host") { Description = Strings.ServeAllowedHostOption };
        var approvalTimeout = new Option<int?>("--approval-timeout") { Description = Strings.ServeApprovalTimeoutOption };
        var worktrees = new Option<string?>("--worktrees") { Description = Strings.ServeWorktreesOption };
        var setupTimeout = new Option<int?>("--setup-timeout") { Description = Strings.ServeSetupTimeoutOption };
        var serve = new Command("serve", Strings.ServeDescription) { port, parallel, roots, host, expose, allowedHosts, approvalTimeout, worktrees, setupTimeout };
        serve.SetAction((result, ct) => RunAsync(result.GetValue(port) ?? 8420, result.GetValue(parallel) ?? Environment.ProcessorCount, result.GetValue(roots) ?? [],
            result.GetValue(host) ?? "127.0.0.1", result.GetValue(expose), result.GetValue(allowedHosts) ?? [], result.GetValue(approvalTimeout) ?? 1800,
            result.GetValue(worktrees), result.GetValue(setupTimeout) ?? 600, ct));
        return serve;
    }

    private static async Task<int> RunAsync(int port, int maxParallel, string[] rootArgs, string host, bool expose, string[] allowedHosts, int approvalSeconds,
        string? worktreeRoot, int setupSeconds, CancellationToken cancellationToken)
    {
        if (setupSeconds < 1)
            return Usage(Format(Strings.ServeBadSetupTimeout, setupSeconds));
        if (maxParallel < 1)
            return Usage(Format(Strings.ServeBadParallel, maxParallel));
        if (approvalSeconds < 1)
            return Usage(Format(Strings.ServeBadTimeout, approvalSeconds));
        var literal = host.Trim('[', ']');
        if (!expose && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !(IPAddress.TryParse(literal, out var ip) && IPAddress.IsLoopback(ip)))
            return Usage(Format(Strings.ServeNeedsExpose, host));
        var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
        var token = Environment.GetEnvironmentVariable("WRIGHT_SERVER_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            try
            {
                token = McpTokenStore.LoadOrCreate(home, TokenFile, out _);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Usage(e.Message);
            }
        }

        var userHome = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var here = Directory.GetCurrentDirectory();
        foreach (var dir in rootArgs)
        {
            if (!Directory.Exists(dir))
                return Usage(Format(Strings.BadCwd, dir));
        }

        var workspaceRoots = new WorkspaceRoots(rootArgs.Length > 0 ? rootArgs : [here], here, userHome, home, WrightRuntime.Canonicalize);
        if (rootArgs.Length == 0 && workspaceRoots.DefaultWorkspace is null)
            return Usage(Format(Strings.ServeNoRoots, here));

        WrightRuntime.OpenStore(home).Dispose(); // the session schema first: the task tables live beside it
        var storePath = WrightRuntime.OpenStorePath(home);
        using var store = SqliteTaskStore.Open(storePath);
        await using var scheduler = new InProcessScheduler(store, new SchedulerOptions
        {
            MaxParallel = maxParallel,
            ApprovalTimeout = TimeSpan.FromSeconds(approvalSeconds),
            SetupTimeout = TimeSpan.FromSeconds(setupSeconds),
            WorktreeRoot = worktreeRoot ?? home.TrimEnd('/') + "-worktrees",
        });
        TaskServer server;
        try
        {
            server = await TaskServer.StartAsync(new ServerOptions
            {
                Host = host,
                Port = port,
                Token = token.Trim(),
                AllowedHosts = allowedHosts,
                Roots = workspaceRoots,
                CloneRoot = Path.Combine(home, "repos"),
            }, scheduler, cancellationToken);
        }
        catch (ArgumentException e)
        {
            return Usage(e.Message);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + Format(Strings.ServeBindFailed, host, port, e.Message));
            return ExitCodes.Error;
        }

        await using (server)
        {
            await scheduler.StartAsync(cancellationToken);
            Console.Error.WriteLine(Format(Strings.ServeListening, server.Url, token.Trim()));
            Console.Error.WriteLine(Format(Strings.ServeTokenFile, Path.Combine(home, TokenFile)));
            Console.Error.WriteLine(Format(Strings.ServeRoots, string.Join(", ", workspaceRoots.Roots)));
            if (!server.LoopbackOnly)
                Console.Error.WriteLine(Format(Strings.ServeExposed, server.Url));
            await server.RunAsync(cancellationToken);
        }

        return ExitCodes.Success;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(Strings.ErrorPrefix + message);
        return ExitCodes.Usage;
    }

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
