using System.Collections.Concurrent;

namespace Wright.Sessions.Rewind;

/// <summary>
/// Serialises work on one shadow repository: a semaphore per lock file inside this process, and an exclusive lock on
/// the file (flock on Unix, released by the kernel if the process dies) across processes.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private readonly FileStream _file;

    private StoreLock(SemaphoreSlim gate, FileStream file)
    {
        _gate = gate;
        _file = file;
    }

    /// <summary>Waits for the lock on <paramref name="path"/>; throws <see cref="SnapshotException"/> after
    /// <paramref name="timeout"/>.</summary>
    public static async Task<StoreLock> AcquireAsync(string path, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        var started = time.GetTimestamp();
        if (!await gate.WaitAsync(timeout, cancellationToken))
            throw Busy(path, timeout);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            while (true)
            {
                try
                {
                    return new StoreLock(gate, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (time.GetElapsedTime(started) < timeout)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
                }
                catch (IOException ex)
                {
                    throw Busy(path, timeout, ex);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private static SnapshotException Busy(string path, TimeSpan timeout, Exception? inner = null)
    {
        var message = $"Another process kept the snapshot store busy for over {timeout.TotalSeconds:0} s (lock file {path}).";
        return inner is null ? new SnapshotException(message) : new SnapshotException(message, inner);
    }

    /// <summary>Releases the file lock, then the in-process gate.</summary>
    public void Dispose()
    {
        _file.Dispose();
        _gate.Release();
    }
}
