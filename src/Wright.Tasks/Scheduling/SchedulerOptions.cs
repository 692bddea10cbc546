namespace Wright.Tasks.Scheduling;

/// <summary>How an <see cref="InProcessScheduler"/> runs.</summary>
public sealed record SchedulerOptions
{
    /// <summary>At most this many attempts run at once.</summary>
    public int MaxParallel { get; init; } = System.Environment.ProcessorCount;

    /// <summary>How long an approval request waits before the attempt ends as failed (null: forever).</summary>
    public TimeSpan? ApprovalTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the repository's trusted <c>.wright/setup.sh</c> may run in a new worktree before the attempt fails.</summary>
    public TimeSpan SetupTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where the attempts' worktrees go.</summary>
    public required string WorktreeRoot { get; init; }

    /// <summary>The server's environment (model keys, <c>WRIGHT_*</c>).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Where an attempt's worktree is made for a task's repository, made ready for the attempt (a fleet node: its own
    /// mirror of the remote, fetched); null: the repository itself.
    /// </summary>
    public Func<string, CancellationToken, Task<string>>? LocalRepository { get; init; }

    /// <summary>
    /// Called with (repository, local repository, branch) once an attempt committed its result (a fleet node pushes the
    /// branch back to the remote, so that any node can show its diff and apply it); null: nothing to do.
    /// </summary>
    public Func<string, string, string, CancellationToken, Task>? PublishBranch { get; init; }

    /// <summary>
    /// Called before an attempt's worktree is made and its session resumed (a fleet node brings in the checkpoint of an
    /// attempt another node ran: its branch and its session journal); null: nothing to do.
    /// </summary>
    public Func<AttemptContext, CancellationToken, Task>? Restore { get; init; }

    /// <summary>
    /// Called after each tool call the attempt's session journaled, before the session goes on (a fleet node makes the
    /// step durable beyond itself: the worktree's branch and the session journal); null: nothing to do.
    /// </summary>
    public Func<AttemptContext, CancellationToken, Task>? Checkpoint { get; init; }

    /// <summary>
    /// The commit a finished attempt's node last pushed as its branch (a fleet's checkpoint, kept in the store), or null
    /// when none is known: a remote's branch that is not that commit any more is neither shown nor applied (anyone who
    /// may push to the remote could have replaced it after the attempt). Null: the branch is taken as the remote has it.
    /// </summary>
    public Func<string, int, string?>? PublishedHead { get; init; }

    /// <summary>How often a followed event stream looks at the store when nothing signalled (other processes write to a shared store).</summary>
    public TimeSpan EventPoll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
