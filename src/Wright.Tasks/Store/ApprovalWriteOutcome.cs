namespace Wright.Tasks.Store;

/// <summary>What became of an answer recorded in a shared store (<see cref="ISharedApprovals.RecordAnswer"/>).</summary>
public enum ApprovalWriteOutcome
{
    /// <summary>It is the first answer: recorded durably, the attempt's node applies it.</summary>
    Recorded,

    /// <summary>No request with that call id (and session) was ever asked by that attempt.</summary>
    NotFound,

    /// <summary>Someone answered first; this answer is dropped (the first answer wins).</summary>
    AlreadyAnswered,

    /// <summary>
    /// The request no longer waits: it timed out, its run was cancelled, or its attempt moved to another node after its
    /// node died (the resumed attempt asks again if it still needs the call).
    /// </summary>
    NoLongerWaiting,
}
