using Wright.Core.Approvals;
using Wright.Permissions;

namespace Wright.Runtime.Approvals;

/// <summary>
/// The headless policy: no one can be asked, so every call that needs approval is refused with a clear reason and how
/// to allow it (an <c>--allow</c> rule or another permission mode).
/// </summary>
public sealed class DenyingApprovals : IApprovalPrompt
{
    /// <summary>The shared instance.</summary>
    public static DenyingApprovals Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ApprovalAnswer.Refuse(PermissionEngine.CannotAsk(request)));
}
