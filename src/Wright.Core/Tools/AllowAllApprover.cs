namespace Wright.Core.Tools;

/// <summary>Approves everything (yolo mode and tests).</summary>
public sealed class AllowAllApprover : IToolApprover
{
    /// <summary>The shared instance.</summary>
    public static AllowAllApprover Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<ToolApproval> ApproveAsync(ToolCall call, ITool tool, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ToolApproval.Allow);
}
