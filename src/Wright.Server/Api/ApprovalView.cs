namespace Wright.Server.Api;

/// <summary>A waiting approval request as the API shows it.</summary>
public sealed record ApprovalView(string TaskId, int Attempt, string CallId, string Tool, string Action, string Reason, string Arguments, bool CanRemember, DateTimeOffset Since);
