using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Wright.Mcp.Server;

/// <summary>
/// The MCP server behind <c>wright mcp serve</c>, whatever the transport: one tool, <c>run_task</c>, validated by
/// <see cref="RunTaskTool"/> and run by a <see cref="RunTaskRunner"/> the host supplies. Handlers are registered
/// directly rather than through reflection-based tool discovery, so this works under NativeAOT.
/// </summary>
public static class RunTaskServer
{
    /// <summary>Fills <paramref name="options"/> (fresh, or the one dependency injection configures).</summary>
    public static void Configure(McpServerOptions options, RunTaskTool tool, RunTaskRunner runner, string version)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(runner);
        options.ServerInfo = new Implementation { Name = "wright", Version = version };
        options.Capabilities = new ServerCapabilities { Tools = new ToolsCapability() };
        options.Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [tool.Definition] }),
            CallToolHandler = (context, ct) => CallAsync(context.Params, tool, runner, ct),
        };
    }

    /// <summary>New options for one server (stdio).</summary>
    public static McpServerOptions Create(RunTaskTool tool, RunTaskRunner runner, string version)
    {
        var options = new McpServerOptions();
        Configure(options, tool, runner, version);
        return options;
    }

    private static ValueTask<CallToolResult> CallAsync(CallToolRequestParams? call, RunTaskTool tool, RunTaskRunner runner, CancellationToken cancellationToken)
    {
        if (call?.Name != RunTaskTool.Name)
            return ValueTask.FromResult(RunTaskTool.Error(string.Format(System.Globalization.CultureInfo.InvariantCulture, Text.ServerStrings.UnknownTool, call?.Name)));
        return tool.Validate(call.Arguments as IReadOnlyDictionary<string, System.Text.Json.JsonElement> ?? call.Arguments?.ToDictionary(), out var error) is { } request
            ? runner(request, cancellationToken)
            : ValueTask.FromResult(error!);
    }
}
