using ModelContextProtocol.Protocol;

namespace Wright.Mcp.Elicitation;

/// <summary>
/// Answers a server's <c>elicitation/create</c>: the server asks the person for input described by a flat schema of
/// strings, numbers, booleans and enums. Each host implements it: the interactive session shows a form, headless runs
/// decline, later hosts (ACP, dashboard) forward it to their user. The answer is accept (with content), decline or cancel.
/// </summary>
public interface IMcpElicitor
{
    /// <summary>Asks; <paramref name="server"/> names the MCP server that asks.</summary>
    ValueTask<ElicitResult> ElicitAsync(string server, ElicitRequestParams request, CancellationToken cancellationToken);
}
