namespace Wright.Tasks;

/// <summary>The states of a task and of each attempt, as written in the store and the API.</summary>
public static class TaskState
{
    /// <summary>Waiting for a free slot.</summary>
    public const string Queued = "queued";

    /// <summary>Running (a task: some attempt runs).</summary>
    public const string Running = "running";

    /// <summary>Waiting for a person to answer an approval request.</summary>
    public const string WaitingApproval = "waiting_approval";

    /// <summary>Finished with an answer.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Finished with an error (the attempt's <c>error</c> says which).</summary>
    public const string Failed = "failed";

    /// <summary>Cancelled by a person.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Whether <paramref name="state"/> is final (nothing runs or waits).</summary>
    public static bool IsFinal(string state) => state is Succeeded or Failed or Cancelled;

    /// <summary>A task's state from its attempts': any waiting, else any running, else any queued, else the best final one.</summary>
    public static string Of(IEnumerable<string> attempts)
    {
        var states = attempts.ToList();
        if (states.Contains(WaitingApproval))
            return WaitingApproval;
        if (states.Contains(Running))
            return Running;
        if (states.Contains(Queued))
            return Queued;
        if (states.Contains(Succeeded))
            return Succeeded;
        return states.Contains(Failed) ? Failed : Cancelled;
    }
}
