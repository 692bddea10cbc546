namespace Wright.Core.Tools;

/// <summary>
/// Implemented by approvers that run after a tool (post-tool hooks): may return feedback that is appended to the
/// result the model sees.
/// </summary>
public interface IToolResultInterceptor
{
    /// <summary>Called after a call ran (not when it was denied).</summary>
    ValueTask<string?> AfterToolAsync(ToolCall call, ToolResult result, CancellationToken cancellationToken);
}
