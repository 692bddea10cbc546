using Wright.Runtime;

namespace Wright.Acp;

/// <summary>One session the client opened: the runtime session, its approvals, the client's files (when it offers them) and the prompt running in it.</summary>
internal sealed class AcpSession(RuntimeSession runtime, AcpApprovals approvals, AcpFiles? files) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _cancelled;

    public RuntimeSession Runtime { get; } = runtime;

    public AcpApprovals Approvals { get; } = approvals;

    /// <summary>The client's file system, or null when it offers none.</summary>
    public AcpFiles? Files { get; } = files;

    public string Id => Runtime.Id;

    /// <summary>The mode id the client was last told about.</summary>
    public string ReportedMode { get; set; } = "";

    /// <summary>Marks a prompt as running; false when one already is.</summary>
    public bool TryBeginPrompt()
    {
        lock (_gate)
        {
            if (_cancelled is not null)
                return false;
            _cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>Completes when <c>session/cancel</c> arrives for the running prompt.</summary>
    public Task Cancelled
    {
        get
        {
            lock (_gate)
                return _cancelled?.Task ?? Task.CompletedTask;
        }
    }

    public bool CancelRequested => Cancelled.IsCompleted;

    public void EndPrompt()
    {
        lock (_gate)
            _cancelled = null;
    }

    /// <summary><c>session/cancel</c>: the run stops (its pending approval requests are withdrawn with it).</summary>
    public void Cancel()
    {
        lock (_gate)
            _cancelled?.TrySetResult();
        Runtime.Cancel();
    }

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
