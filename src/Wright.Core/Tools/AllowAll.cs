using Wright.Core.Approvals;
using Wright.Core.Events;

namespace Wright.Core.Tools;

/// <summary>Allows every call (a session built without a permission engine: tests, trusted embeddings).</summary>
internal sealed class AllowAll : IToolPermissions
{
    public static AllowAll Instance { get; } = new();

    public ValueTask<ToolApproval> DecideAsync(ToolCall call, ITool tool, CancellationToken cancellationToken) => ValueTask.FromResult(ToolApproval.Allow);

    public ToolApproval Resolve(ToolCall call, ApprovalRequest request, ApprovalAnswer answer) =>
        answer.Allowed ? ToolApproval.Allow : ToolApproval.Deny(answer.Reason ?? "the user declined this call.");

    public void Observe(ToolCall call, ToolCallFinished finished)
    {
    }
}
