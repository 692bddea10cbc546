namespace Wright.Core.Approvals;

/// <summary>An approval request waiting for its answer, and the session (a subagent's, possibly) whose call it holds.</summary>
public sealed record PendingApproval(string SessionId, ApprovalRequest Request);
