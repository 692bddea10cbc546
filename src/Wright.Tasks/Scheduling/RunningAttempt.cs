using Wright.Runtime;

namespace Wright.Tasks.Scheduling;

/// <summary>An attempt this process runs now.</summary>
internal sealed class RunningAttempt(string taskId, int number)
{
    public string TaskId { get; } = taskId;

    public int Number { get; } = number;

    public CancellationTokenSource Stop { get; } = new();

    public TimedApprovals? Approvals { get; set; }

    public RuntimeSession? Session { get; set; }

    /// <summary>
    /// With a shared store: the requests (session id or "", call id) recorded there as waiting; lock it while syncing.
    /// </summary>
    public HashSet<(string Session, string Call)> Published { get; } = [];

    /// <summary>Call ids answered while this attempt runs (a later answer to one of them is refused as a conflict).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Answered { get; } = new(StringComparer.Ordinal);

    /// <summary>Why it was stopped: cancelled by a person, deleted, or the server stopping (then it resumes on restart).</summary>
    public string? StopReason { get; set; }

    public Task Completion { get; set; } = Task.CompletedTask;
}
