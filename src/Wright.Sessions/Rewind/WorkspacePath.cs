namespace Wright.Sessions.Rewind;

/// <summary>Path helpers that never follow a symlink unless asked to.</summary>
internal static class WorkspacePath
{
    /// <summary>What is at a path, without following a final symlink.</summary>
    internal enum Kind
    {
        None,
        File,
        Directory,
        Symlink,
    }

    /// <summary>The absolute path with every symlink resolved and no trailing separator.</summary>
    public static string Canonical(string path) => Canonical(Path.GetFullPath(path), 0);

    private static string Canonical(string full, int depth)
    {
        if (depth > 40)
            throw new SnapshotException($"'{full}' has too many levels of symbolic links.");
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new DirectoryInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
                next = Canonical(Path.GetFullPath(target, current), depth + 1);
            current = next;
        }

        return Path.TrimEndingDirectorySeparator(current);
    }

    /// <summary>What is at <paramref name="path"/> (lstat: a symlink is reported as a symlink).</summary>
    public static Kind Lstat(string path, out long length)
    {
        length = 0;
        var info = new FileInfo(path);
        var attributes = info.Attributes;
        if ((int)attributes == -1)
            return Kind.None;
        if ((attributes & FileAttributes.ReparsePoint) != 0)
            return Kind.Symlink;
        if ((attributes & FileAttributes.Directory) != 0)
            return Kind.Directory;
        length = info.Length;
        return Kind.File;
    }

    private static List<string>? List(string directory)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(directory)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Joins a workspace root and a git path (always '/'-separated).</summary>
    public static string Join(string root, string gitPath) =>
        Path.Combine(root, Path.DirectorySeparatorChar == '/' ? gitPath : gitPath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// Lists everything under a directory as '/'-separated paths relative to <paramref name="root"/>, descending into
    /// real directories only (never through a symlink).
    /// </summary>
    public static IEnumerable<string> Walk(string root, string relative)
    {
        var pending = new Stack<string>();
        pending.Push(relative);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            var entries = List(Join(root, dir));
            if (entries is null)
            {
                // Unreadable: report the directory itself, so callers treat it as unknown content.
                yield return dir + "/";
                continue;
            }

            foreach (var entry in entries)
            {
                var child = dir + "/" + Path.GetFileName(entry);
                if (Lstat(entry, out _) == Kind.Directory)
                    pending.Push(child);
                else
                    yield return child;
            }
        }
    }
}
