using Wright.Core.Approvals;

namespace Wright.Runtime.Approvals;

/// <summary>
/// Approval requests parked for someone elsewhere to answer (an HTTP server's approval queue, a dashboard): each request
/// waits in <see cref="Pending"/> until <see cref="Answer"/> is called for its call id, the optional timeout refuses it,
/// or the run is cancelled. Share one queue between the sessions of a server.
/// </summary>
public sealed class ApprovalQueue(TimeSpan? timeout = null, TimeProvider? time = null) : IApprovalPrompt
{
    private readonly Lock _gate = new();
    private readonly List<(ApprovalRequest Request, TaskCompletionSource<ApprovalAnswer> Answer)> _waiting = [];

    /// <summary>The requests waiting now, oldest first.</summary>
    public IReadOnlyList<ApprovalRequest> Pending
    {
        get
        {
            lock (_gate)
                return [.. _waiting.Select(w => w.Request)];
        }
    }

    /// <summary>Raised when a request arrives (outside the lock).</summary>
    public event Action<ApprovalRequest>? Requested;

    /// <summary>Answers the waiting request of <paramref name="callId"/>; false when none waits.</summary>
    public bool Answer(string callId, ApprovalAnswer answer)
    {
        TaskCompletionSource<ApprovalAnswer>? found = null;
        lock (_gate)
        {
            var index = _waiting.FindIndex(w => w.Request.CallId == callId);
            if (index >= 0)
            {
                found = _waiting[index].Answer;
                _waiting.RemoveAt(index);
            }
        }

        return found?.TrySetResult(answer) ?? false;
    }

    /// <inheritdoc />
    public async ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = new TaskCompletionSource<ApprovalAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
            _waiting.Add((request, answer));
        Requested?.Invoke(request);
        try
        {
            return timeout is { } limit
                ? await answer.Task.WaitAsync(limit, time ?? TimeProvider.System, cancellationToken)
                : await answer.Task.WaitAsync(cancellationToken);
        }
        catch (TimeoutException)
        {
            return ApprovalAnswer.Refuse($"no one answered the approval request within {timeout!.Value.TotalSeconds:0} seconds.");
        }
        finally
        {
            lock (_gate)
                _waiting.RemoveAll(w => ReferenceEquals(w.Answer, answer));
        }
    }
}
