namespace Wright.Tasks.Scheduling;

/// <summary>What a scheduler hook (<see cref="SchedulerOptions.Checkpoint"/>, <see cref="SchedulerOptions.Restore"/>) knows of a running attempt.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt as last saved (its session id once the session started).</param>
/// <param name="Repository">The task's repository (a fleet's shared remote).</param>
/// <param name="LocalRepository">Where this process makes the attempt's worktree (the repository, or a node's mirror).</param>
/// <param name="Worktree">The attempt's worktree (before it is made: where it will be).</param>
public sealed record AttemptContext(string TaskId, AttemptRecord Attempt, string Repository, string LocalRepository, string Worktree);
