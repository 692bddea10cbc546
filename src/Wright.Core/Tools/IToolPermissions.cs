namespace Wright.Core.Tools;

/// <summary>The seam where permission modes and rules decide whether a tool call may run.</summary>
public interface IToolApprover
{
    /// <summary>Decides on one call. Called after its arguments were validated.</summary>
    ValueTask<ToolApproval> ApproveAsync(ToolCall call, ITool tool, CancellationToken cancellationToken);
}
