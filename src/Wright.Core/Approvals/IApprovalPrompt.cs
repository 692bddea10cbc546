namespace Wright.Core.Approvals;

/// <summary>
/// The seam through which a host answers approval requests: the terminal's dialog, the headless policy (refuse with a
/// clear reason), an ACP client's <c>session/request_permission</c>, a server's approval queue. The engine emits
/// <c>ApprovalRequested</c> (call id, arguments, reason, whether "always" may be offered) and then asks this prompt;
/// whatever it answers is applied as a <c>ResolveApproval</c> operation, and an operation sent by another party first
/// (e.g. a second client) wins. A session without a prompt waits for the operation alone. No answer can approve what
/// the permission engine denied: only calls it asks about come here.
/// </summary>
public interface IApprovalPrompt
{
    /// <summary>Asks; <paramref name="cancellationToken"/> fires when the run is cancelled or the request was answered elsewhere.</summary>
    ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken);
}
