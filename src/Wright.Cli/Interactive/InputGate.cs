namespace Wright.Cli.Interactive;

/// <summary>
/// Who reads the keyboard while a turn runs: the Esc watcher, unless an approval dialog holds the gate (one dialog at a
/// time; subagents may ask concurrently).
/// </summary>
internal sealed class InputGate
{
    private readonly SemaphoreSlim _dialog = new(1, 1);
    private volatile bool _held;

    /// <summary>True while a dialog owns the keyboard.</summary>
    public bool Held => _held;

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _dialog.WaitAsync(cancellationToken);
        _held = true;
        return new Release(this);
    }

    private sealed class Release(InputGate gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0)
                return;
            gate._held = false;
            gate._dialog.Release();
        }
    }
}
