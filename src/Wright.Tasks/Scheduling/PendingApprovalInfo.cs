using Wright.Core.Approvals;

namespace Wright.Tasks.Scheduling;

/// <summary>
/// An approval request an attempt waits on: <see cref="ApprovalRequest.CallId"/> answers it, with
/// <paramref name="SessionId"/> when it is a subagent's call (null: the attempt's own session, or the sandbox's egress
/// question while a command runs).
/// </summary>
public sealed record PendingApprovalInfo(string TaskId, int Attempt, ApprovalRequest Request, DateTimeOffset Since, string? SessionId);
