namespace Wright.Tasks;

/// <summary>A queued task and its attempts.</summary>
public sealed record TaskRecord
{
    /// <summary>The task id (short, sortable).</summary>
    public required string Id { get; init; }

    /// <summary>What was asked.</summary>
    public required TaskSpec Spec { get; init; }

    /// <summary>The task's state (<see cref="TaskState.Of"/> its attempts').</summary>
    public required string Status { get; init; }

    /// <summary>When it was queued.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Last change.</summary>
    public required DateTimeOffset Updated { get; init; }

    /// <summary>Its attempts, by number.</summary>
    public required IReadOnlyList<AttemptRecord> Attempts { get; init; }
}
