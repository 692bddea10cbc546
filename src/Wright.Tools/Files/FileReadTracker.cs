using System.Collections.Concurrent;

namespace Wright.Tools.Files;

/// <summary>
/// Which files this session has read, and how they looked then: writing or editing an existing file is allowed only
/// after reading it, and only while it has not changed on disk since.
/// </summary>
public sealed class FileReadTracker
{
    private readonly ConcurrentDictionary<string, (DateTime Modified, long Length)> _seen = new(StringComparer.Ordinal);

    /// <summary>Records the file's current state.</summary>
    public void Record(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists)
            _seen[path] = (info.LastWriteTimeUtc, info.Length);
    }

    /// <summary>Null when the session may overwrite the file, else why not.</summary>
    public string? CheckWritable(string path, string shown)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            return null;
        if (!_seen.TryGetValue(path, out var seen))
            return $"{shown} exists and this session has not read it: read it with read_file first, so nothing is overwritten blindly.";
        if (seen.Modified != info.LastWriteTimeUtc || seen.Length != info.Length)
            return $"{shown} changed on disk since you read it (by you via shell, the user, or another tool): read it again before writing.";
        return null;
    }
}
