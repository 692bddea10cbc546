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

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
