namespace Wright.Tasks.Store;

/// <summary>
/// Where tasks, attempts and their events are kept: SQLite in Wright's store for the single-machine server
/// (<see cref="SqliteTaskStore"/>), PostgreSQL for a fleet. Every write is durable when the call returns.
/// </summary>
public interface ITaskStore : IDisposable
{
    /// <summary>Records a new task with its attempts queued (each will run <see cref="TaskSpec.Prompt"/>).</summary>
    TaskRecord Create(TaskSpec spec);

    /// <summary>The task, or null.</summary>
    TaskRecord? Get(string id);

    /// <summary>Tasks, newest first, optionally of one status and one repository.</summary>
    IReadOnlyList<TaskRecord> List(string? status = null, string? repo = null, int limit = 200);

    /// <summary>Replaces an attempt's record.</summary>
    void SaveAttempt(string taskId, AttemptRecord attempt);

    /// <summary>
    /// Records, durably and apart from the attempt's data (which its runner keeps rewriting), that a person cancelled a
    /// running attempt: a restart then finishes it as cancelled instead of resuming it. Queuing it again clears it.
    /// </summary>
    void RequestCancel(string taskId, int attempt);

    /// <summary>The next queued attempt (highest priority, then oldest task, then lowest number) not in <paramref name="skip"/>, or null.</summary>
    (string TaskId, AttemptRecord Attempt)? NextQueued(IReadOnlySet<(string, int)> skip);

    /// <summary>Attempts recorded as running or waiting (after a crash: to resume).</summary>
    IReadOnlyList<(string TaskId, AttemptRecord Attempt)> Running();

    /// <summary>Deletes a task, its attempts and its events.</summary>
    void Delete(string id);

    /// <summary>Appends an event; returns its id (a stream position, growing).</summary>
    long AppendEvent(string taskId, int attempt, string json);

    /// <summary>The task's events after <paramref name="afterId"/>, oldest first.</summary>
    IReadOnlyList<TaskEvent> Events(string taskId, long afterId, int limit = 500);
}
