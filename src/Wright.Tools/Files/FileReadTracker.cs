using System.Collections.Concurrent;

namespace Wright.Tools.Files;

/// <summary>
/// Which files this session has read, and how they looked then: writing or editing an existing file is allowed only
/// after reading it, and only while it has not changed on disk since. The state comes from the descriptor the tool
/// read or wrote through (<see cref="FileStat"/>), never from a second lookup by path.
/// </summary>
public sealed class FileReadTracker
{
    private readonly ConcurrentDictionary<string, (DateTime Modified, long Length)> _seen = new(StringComparer.Ordinal);

    /// <summary>Records the state of the file at <paramref name="path"/> (its absolute path).</summary>
    public void Record(string path, FileStat stat) => _seen[path] = (stat.ModifiedUtc, stat.Size);

    /// <summary>Null when the session may overwrite the file (<paramref name="current"/> null: it does not exist), else why not.</summary>
    public string? CheckWritable(string path, FileStat? current, string shown)
    {
        if (current is not { } now)
            return null;
        if (!_seen.TryGetValue(path, out var seen))
            return $"{shown} exists and this session has not read it: read it with read_file first, so nothing is overwritten blindly.";
        if (seen.Modified != now.ModifiedUtc || seen.Length != now.Size)
            return $"{shown} changed on disk since you read it (by you via shell, the user, or another tool): read it again before writing.";
        return null;
    }
}
