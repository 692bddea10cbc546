using ModelContextProtocol.Protocol;

namespace Wright.Mcp.Elicitation;

/// <summary>The answer of a host with nobody to ask (headless runs): every request is declined, at once.</summary>
public sealed class DecliningElicitor : IMcpElicitor
{
    /// <summary>The one instance.</summary>
    public static DecliningElicitor Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<ElicitResult> ElicitAsync(string server, ElicitRequestParams request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ElicitResult { Action = "decline" });
}
