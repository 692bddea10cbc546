namespace Wright.Server.Api;

/// <summary>
/// A waiting approval request as the API shows it; answer it at <c>…/attempts/{attempt}/approvals/{call_id}</c>, with
/// <c>session_id</c> in the body when it is set (a subagent's call).
/// </summary>
public sealed record ApprovalView(string TaskId, int Attempt, string CallId, string? SessionId, string Tool, string Action, string Reason, string Arguments,
    bool CanRemember, DateTimeOffset Since);
