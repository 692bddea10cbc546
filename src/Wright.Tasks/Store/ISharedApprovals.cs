using Wright.Core.Approvals;
using Wright.Tasks.Scheduling;

namespace Wright.Tasks.Store;

/// <summary>
/// Approval requests kept in a store that several processes share (a fleet's PostgreSQL), so that any node's API lists
/// and answers the requests of an attempt another node runs. The node that runs the attempt records each request before
/// its <c>approval_requested</c> event is written (so a client that saw the event finds it on any node), and polls for
/// answers; every write of it is fenced by its claim on the attempt (<see cref="AttemptLostException"/> once another node
/// took the attempt over). An answer is durable when <see cref="RecordAnswer"/> returns, and the first one wins.
/// </summary>
public interface ISharedApprovals
{
    /// <summary>The owner: records a request its attempt waits on (asked again with the same ids: waits again).</summary>
    void OpenApproval(PendingApprovalInfo request);

    /// <summary>The owner: the request no longer waits (answered, withdrawn, timed out).</summary>
    void CloseApproval(string taskId, int attempt, string? sessionId, string callId);

    /// <summary>The owner: none of the attempt's requests waits any longer (its run ended here).</summary>
    void CloseApprovals(string taskId, int attempt);

    /// <summary>Any node: the requests waiting for an answer now (of one task, or all), of attempts running anywhere.</summary>
    IReadOnlyList<PendingApprovalInfo> PendingApprovals(string? taskId);

    /// <summary>
    /// Any node: records <paramref name="answer"/> to the request of <paramref name="callId"/> that the attempt's current
    /// run asked (of session <paramref name="sessionId"/>; null: the attempt's own session first, else the oldest with that
    /// id). Exactly one answer per request is recorded; returns the outcome and the session that asked.
    /// </summary>
    (ApprovalWriteOutcome Outcome, string? SessionId) RecordAnswer(string taskId, int attempt, string callId, string? sessionId, ApprovalAnswer answer);

    /// <summary>The owner: answers recorded for requests of the attempts it runs that it has not applied (closed) yet.</summary>
    IReadOnlyList<RecordedAnswer> UnappliedAnswers();
}
