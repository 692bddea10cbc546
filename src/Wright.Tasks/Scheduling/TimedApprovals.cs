using System.Globalization;
using Wright.Core.Approvals;
using Wright.Runtime.Approvals;

namespace Wright.Tasks.Scheduling;

/// <summary>
/// The host's approval prompt of one attempt: it times every request (the engine's tool-call requests, which the API
/// answers through the session by call id, and the sandbox's egress questions, which only this queue holds and which
/// get an id here, <c>net-N</c>). When the timeout refuses one, the attempt is stopped with a clear status instead of
/// carrying on without the person. Its change callback is called (outside its lock) when a request starts or
/// stops waiting here.
/// </summary>
internal sealed class TimedApprovals : IApprovalPrompt
{
    private readonly ApprovalQueue _queue;
    private readonly TimeProvider _time;
    private readonly Action _onTimeout;
    private readonly Action? _onChanged;
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _egress;

    public TimedApprovals(TimeSpan? timeout, TimeProvider time, Action onTimeout, Action? onChanged = null)
    {
        _queue = new ApprovalQueue(timeout, time);
        _time = time;
        _onTimeout = onTimeout;
        _onChanged = onChanged;
        if (onChanged is not null)
            _queue.Requested += _ => onChanged();
    }

    /// <summary>What waits in this queue, with when it started waiting.</summary>
    public IReadOnlyList<(ApprovalRequest Request, DateTimeOffset Since)> Pending
    {
        get
        {
            lock (_gate)
                return [.. _queue.Pending.Select(r => (r, _since.GetValueOrDefault(r.CallId, _time.GetUtcNow())))];
        }
    }

    /// <summary>When the request of <paramref name="callId"/> started waiting (now when this queue has not seen it yet).</summary>
    public DateTimeOffset Since(string callId)
    {
        lock (_gate)
            return _since.GetValueOrDefault(callId, _time.GetUtcNow());
    }

    public bool Answer(string callId, ApprovalAnswer answer) => _queue.Answer(callId, answer);

    public async ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            // The egress gate asks about a connection, not a call: give it an id the API can answer.
            if (request.CallId.Length == 0)
                request = request with { CallId = string.Create(CultureInfo.InvariantCulture, $"net-{++_egress}") };
            _since[request.CallId] = _time.GetUtcNow();
        }

        try
        {
            var answer = await _queue.AskAsync(request, cancellationToken);
            // The queue refuses with a reason only when its timeout passed (a person's "no" carries feedback, not a reason).
            if (!answer.Allowed && answer.Reason is not null && !cancellationToken.IsCancellationRequested)
                _onTimeout();

            return answer;
        }
        finally
        {
            lock (_gate)
                _since.Remove(request.CallId);
            _onChanged?.Invoke();
        }
    }
}
