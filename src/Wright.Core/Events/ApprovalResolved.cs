namespace Wright.Core.Events;

/// <summary>
/// The approval request of call <see cref="CallId"/> was answered: allowed (once, or <see cref="Remember"/>: for the
/// session), or not — <see cref="Reason"/> is then the feedback or policy reason (<c>cancelled</c> when the run was).
/// </summary>
public sealed record ApprovalResolved(string CallId, bool Allowed, bool Remember, string? Reason = null) : AgentEvent;
