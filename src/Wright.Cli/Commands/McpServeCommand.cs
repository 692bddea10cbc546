using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Wright.Cli.Hosting;
using Wright.Runtime;
using Wright.Cli.Text;
using Wright.Mcp.Server;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright mcp serve [--http [--port N] [--host ADDR]]</c>: Wright as an MCP server over stdio, or over Streamable HTTP
/// (<see cref="McpHttpHost"/>; loopback by default, optional bearer token from <c>WRIGHT_MCP_TOKEN</c>). One tool, <c>run_task</c>, runs a task in a workspace
/// under the caller's permission mode (never more than the server's own ceiling) through the runtime
/// (<see cref="RunTaskTool"/>) and returns the result. The handlers
/// are registered directly rather than through reflection-based tool discovery, so this works under NativeAOT.
/// </summary>
internal static class McpServeCommand
{
    public static Command Create(Option<string?> cwd)
    {
        var http = new Option<bool>("--http") { Description = Strings.McpServeHttpOption };
        var port = new Option<int?>("--port") { Description = Strings.McpServePortOption };
        var host = new Option<string?>("--host") { Description = Strings.McpServeHostOption };
        var idle = new Option<int?>("--session-idle-timeout") { Description = Strings.McpServeIdleOption };
        var serve = new Command("serve", Strings.McpServeAnyDescription) { cwd, http, port, host, idle };
        serve.SetAction((result, ct) => result.GetValue(http)
            ? ServeHttpAsync(result.GetValue(cwd), result.GetValue(host) ?? "127.0.0.1", result.GetValue(port) ?? 0, result.GetValue(idle), ct)
            : result.GetValue(port) is not null || result.GetValue(host) is not null || result.GetValue(idle) is not null
                ? Usage()
                : ServeStdioAsync(result.GetValue(cwd), ct));
        return serve;
    }

    private static Task<int> Usage()
    {
        Console.Error.WriteLine(Strings.ErrorPrefix + Strings.McpServeHttpOnly);
        return Task.FromResult(ExitCodes.Usage);
    }

    private static async Task<int> ServeStdioAsync(string? cwd, CancellationToken cancellationToken)
    {
        await using var server = McpServer.Create(new StdioServerTransport("wright"), CreateOptions(cwd));
        await server.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static async Task<int> ServeHttpAsync(string? cwd, string host, int port, int? idleSeconds, CancellationToken cancellationToken)
    {
        if (idleSeconds is <= 0)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.McpServeBadIdle, idleSeconds));
            return ExitCodes.Usage;
        }

        var token = Environment.GetEnvironmentVariable("WRIGHT_MCP_TOKEN");
        McpHttpHost server;
        try
        {
            server = McpHttpHost.Start(() => CreateOptions(cwd), host, port, token, idleSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        }
        catch (Exception e) when (e is HttpListenerException or System.Net.Sockets.SocketException or ArgumentException)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.McpServeBindFailed, host, port, e.Message));
            return ExitCodes.Error;
        }

        await using (server)
        {
            Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, Strings.McpServeListening, server.Url) +
                (string.IsNullOrEmpty(token) ? "" : Strings.McpServeTokenRequired));
            await server.RunAsync(cancellationToken);
        }

        return ExitCodes.Success;
    }

    private static McpServerOptions CreateOptions(string? cwd)
    {
        var defaultWorkspace = WrightRuntime.Canonicalize(cwd ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
        using var schema = JsonDocument.Parse(RunTaskTool.Schema);
        var tool = new Tool
        {
            Name = "run_task",
            Description = "Run a coding task with the Wright agent in a workspace and return its final answer.",
            InputSchema = schema.RootElement.Clone(),
        };
        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "wright", Version = typeof(McpServeCommand).Assembly.GetName().Version?.ToString(3) ?? "0.1.0" },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [tool] }),
                CallToolHandler = (context, ct) => RunTaskTool.CallAsync(context.Params, defaultWorkspace, ct),
            },
        };
    }
}
