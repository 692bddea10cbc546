namespace Wright.Tools.Files;

/// <summary>Resolves paths the model gives: relative to the workspace, absolute allowed, <c>~</c> expanded.</summary>
public static class WorkspacePaths
{
    /// <summary>The absolute path.</summary>
    public static string Resolve(string path, string workspace)
    {
        path = path.Trim();
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", path.Length > 1 ? path[2..] : "");
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(workspace, path));
    }

    /// <summary>How to show a path: relative inside the workspace, absolute outside.</summary>
    public static string Show(string path, string workspace)
    {
        var relative = Path.GetRelativePath(workspace, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>The file a write should go to: a symlink's final target, so the link itself survives.</summary>
    public static string WriteTarget(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    /// <summary>
    /// The path with every symbolic link resolved (in any component; components that do not exist yet are kept as
    /// they are). Loops give up after 40 links and return what was resolved so far.
    /// </summary>
    public static string RealPath(string path)
    {
        var hops = 0;
        return Real(Path.GetFullPath(path), ref hops);
    }

    /// <summary>
    /// Whether a write to <paramref name="path"/> would land outside the workspace although the path itself is inside
    /// it — a symbolic link (or a linked folder) swapped in after the call was approved. Such writes are refused.
    /// </summary>
    public static bool LeavesWorkspace(string path, string workspace)
    {
        static bool Inside(string p, string root) =>
            p == root || p.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);
        var full = Path.GetFullPath(path);
        return Inside(full, workspace) && !Inside(RealPath(full), RealPath(workspace));
    }

    private static string Real(string full, ref int hops)
    {
        var current = "/";
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            string? link = null;
            try
            {
                link = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                // unreadable: keep the name as it is
            }
            catch (UnauthorizedAccessException)
            {
                // unreadable: keep the name as it is
            }

            if (link is not null && hops++ < 40)
                current = Real(Path.GetFullPath(Path.IsPathRooted(link) ? link : Path.Combine(current, link)), ref hops);
            else
                current = next;
        }

        return current;
    }

    /// <summary>Writes bytes atomically (temp file in the same folder, then rename), keeping Unix permissions.</summary>
    public static void WriteAtomic(string path, byte[] bytes)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.wright-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path) && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
