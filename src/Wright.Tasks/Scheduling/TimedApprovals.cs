using Wright.Core.Approvals;
using Wright.Runtime.Approvals;

namespace Wright.Tasks.Scheduling;

/// <summary>
/// An attempt's approval requests, parked in an <see cref="ApprovalQueue"/> for the API to answer. When the timeout
/// refuses one, the attempt is stopped with a clear status instead of carrying on without the person.
/// </summary>
internal sealed class TimedApprovals(TimeSpan? timeout, TimeProvider time, Action onTimeout) : IApprovalPrompt
{
    private readonly ApprovalQueue _queue = new(timeout, time);
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TimedOut { get; private set; }

    public IReadOnlyList<(ApprovalRequest Request, DateTimeOffset Since)> Pending
    {
        get
        {
            lock (_gate)
                return [.. _queue.Pending.Select(r => (r, _since.GetValueOrDefault(r.CallId, time.GetUtcNow())))];
        }
    }

    public bool Answer(string callId, ApprovalAnswer answer) => _queue.Answer(callId, answer);

    public async ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
            _since[request.CallId] = time.GetUtcNow();
        var answer = await _queue.AskAsync(request, cancellationToken);
        lock (_gate)
            _since.Remove(request.CallId);
        // The queue refuses with a reason only when its timeout passed (a person's "no" carries feedback, not a reason).
        if (!answer.Allowed && answer.Reason is not null && !cancellationToken.IsCancellationRequested)
        {
            TimedOut = true;
            onTimeout();
        }

        return answer;
    }
}
