namespace Wright.Runtime.Protocol;

/// <summary>
/// Answer the approval request of call <see cref="CallId"/> (of subagent session <see cref="SessionId"/> when given):
/// allowed (and <see cref="Remember"/>ed for the session where the request allows it) or not, with optional feedback for
/// the model. Acknowledged by <c>ApprovalResolved</c> in the run's stream.
/// </summary>
public sealed record ResolveApproval(string CallId, bool Allowed, bool Remember = false, string? Feedback = null, string? SessionId = null) : SessionOperation;
