using Wright.Core.Approvals;

namespace Wright.Tasks.Store;

/// <summary>
/// An answer recorded in a shared store that the attempt's node has not applied yet: <paramref name="SessionId"/> is the
/// session that asked (null: the attempt's own session, or the sandbox's egress question).
/// </summary>
public sealed record RecordedAnswer(string TaskId, int Attempt, string? SessionId, string CallId, ApprovalAnswer Answer);
