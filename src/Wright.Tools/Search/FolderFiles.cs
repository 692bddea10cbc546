using Wright.Tools.Files;

namespace Wright.Tools.Search;

/// <summary>
/// The files of one listed folder, searched by every worker that joins (each takes the next file): the folder stays
/// open until the last one leaves.
/// </summary>
internal sealed class FolderFiles(DirectoryHandle folder, bool owned, List<(string Path, string Name)> files)
{
    private int _next;
    private int _users = 1;

    /// <summary>Joins the search; false when it is over (and the folder closed).</summary>
    public bool TryJoin()
    {
        while (true)
        {
            var users = Volatile.Read(ref _users);
            if (users == 0)
                return false;
            if (Interlocked.CompareExchange(ref _users, users + 1, users) == users)
                return true;
        }
    }

    /// <summary>Searches files until none is left, then leaves (closing the folder if this was the last user).</summary>
    public void SearchAndLeave<TState>(Action<DirectoryHandle, string, string, TState> onFile, TState state, CancellationToken cancellationToken)
    {
        try
        {
            for (var i = Interlocked.Increment(ref _next) - 1; i < files.Count; i = Interlocked.Increment(ref _next) - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                onFile(folder, files[i].Name, files[i].Path, state);
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _users) == 0 && owned)
                folder.Dispose();
        }
    }
}
