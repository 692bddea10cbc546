namespace Wright.Core.Approvals;

/// <summary>
/// The approval requests of a session and its subagents that wait for an answer. The engine opens one per call it must
/// ask about and waits; <see cref="Resolve"/> (the <c>ResolveApproval</c> operation) answers it. The first answer wins;
/// later ones for the same call find nothing and return false.
/// </summary>
public sealed class PendingApprovals
{
    private readonly Lock _gate = new();
    private readonly List<(PendingApproval Item, TaskCompletionSource<ApprovalAnswer> Answer)> _open = [];

    /// <summary>What waits now, oldest first.</summary>
    public IReadOnlyList<PendingApproval> Items
    {
        get
        {
            lock (_gate)
                return [.. _open.Select(o => o.Item)];
        }
    }

    /// <summary>Raised (outside the lock) when a request opens or is answered, for hosts that list pending approvals.</summary>
    public event Action? Changed;

    /// <summary>
    /// Answers the pending request of call <paramref name="callId"/> (of session <paramref name="sessionId"/> when given:
    /// subagents' call ids may repeat the parent's). False when nothing with that id waits (answered already, unknown).
    /// </summary>
    public bool Resolve(string callId, ApprovalAnswer answer, string? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        TaskCompletionSource<ApprovalAnswer>? found = null;
        lock (_gate)
        {
            var index = _open.FindIndex(o => o.Item.Request.CallId == callId && (sessionId is null || o.Item.SessionId == sessionId));
            if (index >= 0)
            {
                found = _open[index].Answer;
                _open.RemoveAt(index);
            }
        }

        if (found is null)
            return false;
        found.TrySetResult(answer);
        Changed?.Invoke();
        return true;
    }

    /// <summary>Opens a request; the task completes with the first answer. Dispose the handle to withdraw it (cancellation).</summary>
    internal (Task<ApprovalAnswer> Answer, IDisposable Withdraw) Open(string sessionId, ApprovalRequest request)
    {
        var answer = new TaskCompletionSource<ApprovalAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = (new PendingApproval(sessionId, request), answer);
        lock (_gate)
            _open.Add(entry);
        Changed?.Invoke();
        return (answer.Task, new Withdrawal(this, answer));
    }

    private void Remove(TaskCompletionSource<ApprovalAnswer> answer)
    {
        bool removed;
        lock (_gate)
            removed = _open.RemoveAll(o => ReferenceEquals(o.Answer, answer)) > 0;
        if (removed)
            Changed?.Invoke();
    }

    private sealed class Withdrawal(PendingApprovals owner, TaskCompletionSource<ApprovalAnswer> answer) : IDisposable
    {
        public void Dispose() => owner.Remove(answer);
    }
}
