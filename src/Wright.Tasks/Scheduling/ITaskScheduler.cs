using Wright.Core.Approvals;
using Wright.Tasks.Git;

namespace Wright.Tasks.Scheduling;

/// <summary>
/// Background work: queued tasks run as attempts, each in its own worktree and runtime session. The HTTP API, the
/// dashboard and <c>wright task …</c> are the same over every implementation: <see cref="InProcessScheduler"/> (one
/// machine: SQLite queue, a worker pool, local worktrees), which a fleet node (<c>wright-node</c>) runs over the shared
/// PostgreSQL store, with Orleans' membership deciding when a dead node's attempts move. Every operation throws <see cref="TaskException"/> for what it refuses.
/// </summary>
public interface ITaskScheduler : IAsyncDisposable
{
    /// <summary>Starts the workers: attempts that were running when the previous process stopped resume first.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Queues a task (validated: prompt, mode, attempts, model, base).</summary>
    Task<TaskRecord> SubmitAsync(TaskSpec spec, CancellationToken cancellationToken);

    /// <summary>The task, or null.</summary>
    TaskRecord? Get(string id);

    /// <summary>Tasks, newest first.</summary>
    IReadOnlyList<TaskRecord> List(string? status = null, string? repo = null);

    /// <summary>Cancels every attempt that is queued, running or waiting.</summary>
    Task<TaskRecord> CancelAsync(string id, CancellationToken cancellationToken);

    /// <summary>Runs finished attempts (or only <paramref name="attempt"/>) again from scratch, in a fresh worktree.</summary>
    Task<TaskRecord> RetryAsync(string id, int? attempt, CancellationToken cancellationToken);

    /// <summary>Continues a finished attempt's session with <paramref name="message"/>, in the same worktree.</summary>
    Task<TaskRecord> FollowUpAsync(string id, int attempt, string message, CancellationToken cancellationToken);

    /// <summary>Cancels the task, removes its worktrees and branches, and forgets it.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Approval requests waiting now (of one task, or all).</summary>
    IReadOnlyList<PendingApprovalInfo> Approvals(string? taskId = null);

    /// <summary>
    /// Answers a waiting request of the attempt's running session by its call id (<paramref name="sessionId"/>: a
    /// subagent's, as <see cref="PendingApprovalInfo.SessionId"/> names it); false when none waits with that id. The
    /// first answer wins: a later one throws <see cref="TaskException"/> (<see cref="TaskErrorKind.Conflict"/>), as does
    /// an answer to a request that no longer waits (a fleet's attempt that moved to another node). In a fleet it is
    /// recorded durably in the shared store before this returns, on whichever node, and applied by the node running it.
    /// </summary>
    bool AnswerApproval(string taskId, int attempt, string callId, string? sessionId, ApprovalAnswer answer);

    /// <summary>
    /// The task's events after <paramref name="afterId"/>; with <paramref name="follow"/> it waits for new ones until
    /// cancelled (or, with <paramref name="untilDone"/>, until the task is finished and every event was read).
    /// </summary>
    IAsyncEnumerable<TaskEvent> EventsAsync(string id, long afterId, bool follow, bool untilDone, CancellationToken cancellationToken);

    /// <summary>An attempt's diff against its base.</summary>
    Task<AttemptDiff> DiffAsync(string id, int attempt, CancellationToken cancellationToken);

    /// <summary>Applies an attempt (merge, patch, push); a conflict is reported in the result, never forced.</summary>
    Task<ApplyResult> ApplyAsync(string id, int attempt, ApplyRequest request, CancellationToken cancellationToken);
}
