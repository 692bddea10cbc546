namespace Wright.Sandbox.Filesystem;

/// <summary>
/// The entries bubblewrap had to create on the host to protect a path that did not exist (an empty folder or file
/// under a read-only mount: a command can neither write into it nor replace it while the sandbox runs), and their
/// removal once no sandbox on the workspace runs any more. Every running sandbox holds a shared flock on the
/// workspace folder; cleanup takes the exclusive lock without waiting, so an entry never disappears under a running
/// sandbox of this or another Wright (unlinking a mount point in another namespace would drop that mount). Cleanup
/// removes only what is still an empty folder (rmdir) or an empty regular file, and never follows a link.
/// The shared lock is briefly held by others too: a child another thread of this process forks between fork and exec
/// shares the lock's open file description. So when no sandbox of this launcher runs, cleanup retries for a moment
/// before it leaves the entries to the last sandbox of another process (otherwise an empty <c>.mcp.json</c> or
/// <c>.vscode/</c> could stay in the user's workspace for good). That wait is synchronous on purpose: the sandbox's
/// end must have cleaned up before it returns, since a one-shot run may exit right after (a deferred timer would leave
/// the entry behind for good); flock(2) has no timeout, hence short pauses until the deadline.
/// </summary>
internal sealed class Placeholders(string workspace, TimeProvider? time = null)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private int _running;

    /// <summary>Holds the workspace's shared lock until disposed; take it before deciding what is absent.</summary>
    public Lease Hold()
    {
        Interlocked.Increment(ref _running);
        var fd = NativeFiles.OpenDirectory(workspace);
        if (fd >= 0 && !NativeFiles.LockShared(fd))
        {
            NativeFiles.CloseDescriptor(fd);
            fd = -1;
        }

        return new Lease(this, fd);
    }

    /// <summary>Removes the entries this launcher created, if no sandbox on the workspace runs.</summary>
    public void Cleanup()
    {
        lock (_gate)
        {
            if (_created.Count == 0)
                return;
            var fd = NativeFiles.OpenDirectory(workspace);
            if (fd < 0)
                return;
            try
            {
                if (!LockExclusive(fd))
                    return; // a sandbox still runs: the last one to end cleans up
                foreach (var path in _created.OrderByDescending(p => p.Length))
                {
                    var found = NativeFiles.Examine(path);
                    if (found is { Type: NativeFiles.Directory })
                        NativeFiles.RemoveEmptyDirectory(path);
                    else if (found is { Type: NativeFiles.Regular, Size: 0 })
                        NativeFiles.Unlink(path);
                }

                _created.Clear();
            }
            finally
            {
                NativeFiles.CloseDescriptor(fd);
            }
        }
    }

    /// <summary>The exclusive lock, waiting a moment only when no sandbox of this launcher runs (see the summary).</summary>
    private bool LockExclusive(int fd)
    {
        var started = _time.GetTimestamp();
        while (!NativeFiles.TryLockExclusive(fd))
        {
            if (Volatile.Read(ref _running) > 0 || _time.GetElapsedTime(started) >= Patience)
                return false;
            Thread.Sleep(Pause);
        }

        return true;
    }

    private void Record(IEnumerable<string> paths)
    {
        lock (_gate)
            _created.UnionWith(paths);
    }

    /// <summary>One sandbox's hold on the workspace.</summary>
    internal sealed class Lease(Placeholders owner, int fd) : IDisposable
    {
        private int _fd = fd;
        private int _disposed;

        /// <summary>Notes entries bubblewrap will create for this sandbox.</summary>
        public void Created(IEnumerable<string> paths) => owner.Record(paths);

        /// <summary>Releases the lock, then cleans up if this was the last sandbox.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            NativeFiles.CloseDescriptor(Interlocked.Exchange(ref _fd, -1));
            Interlocked.Decrement(ref owner._running);
            owner.Cleanup();
        }
    }
}
