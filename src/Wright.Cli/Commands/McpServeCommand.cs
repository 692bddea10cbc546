using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using Wright.Runtime.Configuration;
using Wright.Cli.Hosting;
using Wright.Core.Events;
using Wright.Runtime;
using Wright.Runtime.Approvals;
using Wright.Sessions.Store;
using Wright.Cli.Text;
using Wright.Mcp.Server;
using Wright.Permissions;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright mcp serve [--root DIR]… [--permission-mode MODE] [--http [--port N] [--host ADDR] [--allowed-host NAME]…]</c>:
/// Wright as an MCP server over stdio (<see cref="McpStdioHost"/>) or Streamable HTTP (<see cref="McpHttpHost"/>:
/// loopback by default, always behind a bearer token). One tool, <c>run_task</c> (<see cref="RunTaskTool"/>), runs a
/// task in a workspace inside the server's roots, under the caller's permission mode up to the server's own.
/// </summary>
internal static class McpServeCommand
{
    public static Command Create(Option<string?> cwd)
    {
        var http = new Option<bool>("--http") { Description = Strings.McpServeHttpOption };
        var port = new Option<int?>("--port") { Description = Strings.McpServePortOption };
        var host = new Option<string?>("--host") { Description = Strings.McpServeHostOption };
        var idle = new Option<int?>("--session-idle-timeout") { Description = Strings.McpServeIdleOption };
        var allowedHosts = new Option<string[]>("--allowed-host") { Description = Strings.McpServeAllowedHostOption };
        var roots = new Option<string[]>("--root") { Description = Strings.McpServeRootOption };
        var mode = new Option<string?>("--permission-mode") { Description = Strings.McpServeModeOption };
        var serve = new Command("serve", Strings.McpServeAnyDescription) { cwd, roots, mode, http, port, host, idle, allowedHosts };
        serve.SetAction((result, ct) =>
        {
            var httpOnly = result.GetValue(port) is not null || result.GetValue(host) is not null || result.GetValue(idle) is not null ||
                result.GetValue(allowedHosts) is { Length: > 0 };
            if (!result.GetValue(http) && httpOnly)
                return Usage(Strings.McpServeHttpOnly);
            RunTaskTool tool;
            try
            {
                tool = CreateTool(result.GetValue(cwd), result.GetValue(roots) ?? [], result.GetValue(mode), Console.Error);
            }
            catch (ConfigException e)
            {
                return Usage(e.Message);
            }

            return result.GetValue(http)
                ? ServeHttpAsync(tool, new McpHttpHostOptions
                {
                    Host = result.GetValue(host) ?? "127.0.0.1",
                    Port = result.GetValue(port) ?? 0,
                    Token = "",
                    IdleTimeout = result.GetValue(idle) is { } s ? TimeSpan.FromSeconds(s) : null,
                    AllowedHosts = result.GetValue(allowedHosts) ?? [],
                }, result.GetValue(idle), ct)
                : ServeStdioAsync(tool, ct);
        });
        return serve;
    }

    private static Task<int> Usage(string message)
    {
        Console.Error.WriteLine(Strings.ErrorPrefix + message);
        return Task.FromResult(ExitCodes.Usage);
    }

    /// <summary>
    /// The tool with the server's roots and ceiling. Roots: <c>--root</c>, else the server's directory (<c>--cwd</c>
    /// or the current one) unless that is <c>/</c>, the home directory or above it — then there is none, and every
    /// call is refused with the reason (an MCP client often starts servers in <c>/</c> or <c>~</c>). Ceiling:
    /// <c>--permission-mode</c>, <c>WRIGHT_PERMISSION_MODE</c>, the user's config (a project's config is not read: a
    /// repository must not raise it), else <c>auto</c>.
    /// </summary>
    private static RunTaskTool CreateTool(string? cwd, string[] rootArgs, string? modeArg, TextWriter stderr)
    {
        var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
        var ceiling = WrightRuntime.ParseMode(modeArg ?? Environment.GetEnvironmentVariable("WRIGHT_PERMISSION_MODE")
            ?? ConfigLoader.LoadUser(home).PermissionMode) ?? PermissionMode.Auto;
        var userHome = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var here = cwd ?? Directory.GetCurrentDirectory();
        foreach (var dir in rootArgs.Append(here))
        {
            if (!Directory.Exists(dir))
                throw new ConfigException(Format(Strings.BadCwd, dir));
        }

        WorkspaceRoots Roots(IEnumerable<string> roots) => new(roots, here, userHome, home, WrightRuntime.Canonicalize);
        var workspaces = Roots(rootArgs.Length > 0 ? rootArgs : [here]);
        if (rootArgs.Length == 0 && workspaces.DefaultWorkspace is null)
            workspaces = Roots([]); // the implicit root is too wide: no roots at all
        if (workspaces.DefaultWorkspace is null)
        {
            if (cwd is not null)
                throw new ConfigException(Format(Strings.McpServeCwdNotAllowed, cwd, workspaces.Resolve(cwd, out var why) is null ? why : ""));
            stderr.WriteLine("warning: " + (workspaces.Roots.Count == 0 ? Format(Strings.McpServeNoRoots, here) : Format(Strings.McpServeNoDefault, here)));
        }

        return new RunTaskTool(workspaces, PermissionEngine.ModeName(ceiling));
    }

    private static async Task<int> ServeStdioAsync(RunTaskTool tool, CancellationToken cancellationToken)
    {
        var options = RunTaskServer.Create(tool, RunAsync, Version);
        await using var stdin = Console.OpenStandardInput();
        await using var stdout = Console.OpenStandardOutput();
        await McpStdioHost.RunAsync(options, stdin, stdout, cancellationToken);
        return ExitCodes.Success;
    }

    private static async Task<int> ServeHttpAsync(RunTaskTool tool, McpHttpHostOptions options, int? idleSeconds, CancellationToken cancellationToken)
    {
        if (idleSeconds is <= 0)
            return await Usage(Format(Strings.McpServeBadIdle, idleSeconds));

        // Every request needs the token: WRIGHT_MCP_TOKEN, or one kept (0600) in $WRIGHT_HOME and made when missing.
        var token = Environment.GetEnvironmentVariable("WRIGHT_MCP_TOKEN");
        string? tokenFile = null;
        var created = false;
        if (string.IsNullOrWhiteSpace(token))
        {
            var home = WrightHome.Resolve(Environment.GetEnvironmentVariable);
            tokenFile = Path.Combine(home, McpTokenStore.FileName);
            try
            {
                token = McpTokenStore.LoadOrCreate(home, out created);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await Usage(e.Message);
            }
        }

        McpHttpHost server;
        try
        {
            server = await McpHttpHost.StartAsync(options with { Token = token.Trim() }, o => RunTaskServer.Configure(o, tool, RunAsync, Version), cancellationToken);
        }
        catch (ArgumentException e)
        {
            return await Usage(e.Message);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.McpServeBindFailed, options.Host, options.Port, e.Message));
            return ExitCodes.Error;
        }

        await using (server)
        {
            Console.Error.WriteLine(Format(Strings.McpServeListening, server.Url) + Strings.McpServeTokenRequired);
            if (tokenFile is not null)
                Console.Error.WriteLine(Format(created ? Strings.McpServeTokenCreated : Strings.McpServeTokenStored, token, tokenFile));
            if (!server.LoopbackOnly)
                Console.Error.WriteLine("warning: " + Format(Strings.McpServeExposed, server.Url));
            await server.RunAsync(cancellationToken);
        }

        return ExitCodes.Success;
    }

    private static string Version => Distribution.BuildInfo.Version;

    /// <summary>
    /// Runs a validated call in a runtime session of its own (approvals refused with a reason, as headless) and answers
    /// with the final text and the result object of the json format.
    /// </summary>
    private static async ValueTask<CallToolResult> RunAsync(RunTaskRequest call, CancellationToken cancellationToken)
    {
        var diagnostics = new StringWriter();
        var host = new RuntimeHost { Environment = Environment.GetEnvironmentVariable, Diagnostics = diagnostics, Approvals = DenyingApprovals.Instance };
        var request = new SessionRequest
        {
            Workspace = call.Workspace,
            Model = call.Model,
            PermissionMode = call.PermissionMode,
            MaxTurns = call.MaxTurns,
            Prompt = call.Prompt.Trim(),
        };
        try
        {
            await using var session = await WrightRuntime.StartAsync(request, host, cancellationToken);
            RunFinished? finished = null;
            string? lastError = null;
            await foreach (var item in session.RunAsync(session.Prompt, cancellationToken))
            {
                if (item is ErrorOccurred error)
                    lastError = error.Message;
                else if (item is RunFinished run)
                    finished = run;
            }

            var result = finished ?? new RunFinished(RunStatus.Error, "", 0, TokenUsage.Zero, null, 0);
            var failed = result.Status == RunStatus.Error;
            var json = ResultWriter.Format(result.Status, result.Text, session.Id, result.Turns, result.Usage, result.CostUsd, result.DurationMs,
                failed ? lastError : null, session.CostAfter(result));
            var text = failed ? lastError ?? diagnostics.ToString().Trim() : result.Text;
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = text.Length > 0 ? text : diagnostics.ToString().Trim() }, new TextContentBlock { Text = json }],
                IsError = result.Status != RunStatus.Success,
            };
        }
        catch (Exception ex) when (ex is ConfigException or StoreException)
        {
            var json = ResultWriter.Format(RunStatus.Error, "", "", 0, TokenUsage.Zero, null, 0, ex.Message);
            return new CallToolResult { Content = [new TextContentBlock { Text = ex.Message }, new TextContentBlock { Text = json }], IsError = true };
        }
    }

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
