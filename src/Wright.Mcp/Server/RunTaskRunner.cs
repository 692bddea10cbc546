using ModelContextProtocol.Protocol;

namespace Wright.Mcp.Server;

/// <summary>Runs a validated <c>run_task</c> call and answers with its result (the host composes the session).</summary>
public delegate ValueTask<CallToolResult> RunTaskRunner(RunTaskRequest request, CancellationToken cancellationToken);
