using System.Collections.Concurrent;

namespace Wright.Tools.Files;

/// <summary>One lock per file path, so concurrent writes and edits of one file in this process serialise.</summary>
internal static class FileLocks
{
    private static readonly ConcurrentDictionary<string, Lock> Locks = new(StringComparer.Ordinal);

    public static Lock For(string path) => Locks.GetOrAdd(path, static _ => new Lock());
}
