using Wright.Core.Approvals;

namespace Wright.Tasks.Scheduling;

/// <summary>An approval request an attempt waits on.</summary>
public sealed record PendingApprovalInfo(string TaskId, int Attempt, ApprovalRequest Request, DateTimeOffset Since);
