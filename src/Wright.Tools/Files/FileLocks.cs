using System.Collections.Concurrent;

namespace Wright.Tools.Files;

/// <summary>One lock per file path, so concurrent writes and edits of one file in this process serialise (awaitable: an edit may wait for the editor).</summary>
internal static class FileLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    /// <summary>Waits for the file's lock, blocking (planning a change, which is synchronous); dispose the result to release it.</summary>
    public static IDisposable Enter(string path)
    {
        var gate = Locks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        gate.Wait();
        return new Held(gate);
    }

    /// <summary>Waits for the file's lock; dispose the result to release it.</summary>
    public static async Task<IDisposable> EnterAsync(string path, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
