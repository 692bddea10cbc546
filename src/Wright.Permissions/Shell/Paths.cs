namespace Wright.Permissions.Shell;

/// <summary>
/// Path helpers for permission decisions. Shell commands' paths are lexical (inside the sandbox the bind mounts are what
/// count); the file tools run in Wright's own process, so their paths are also resolved through symlinks
/// (<see cref="Effective"/>).
/// </summary>
public static class Paths
{
    /// <summary>Resolves <paramref name="path"/> against <paramref name="baseDirectory"/>, expanding a leading <c>~</c>.</summary>
    public static string Resolve(string path, string baseDirectory, string? home = null)
    {
        home ??= Environment.GetEnvironmentVariable("HOME") ?? "/root";
        if (path == "~")
            return home;
        if (path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(home, path[2..]);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it (no prefix confusion).</summary>
    public static bool IsInside(string path, string root)
    {
        root = root.TrimEnd('/');
        return path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// The path with every symlink in its existing components resolved (like <c>realpath -m</c>); a path under the
    /// real workspace is expressed under <paramref name="workspace"/> as given, so rules keep matching.
    /// </summary>
    public static string Effective(string path, string workspace)
    {
        var real = Real(path);
        if (real == path)
            return path;
        var realWorkspace = Real(workspace.TrimEnd('/'));
        if (!IsInside(real, realWorkspace))
            return real;
        var relative = Path.GetRelativePath(realWorkspace, real);
        return relative == "." ? workspace.TrimEnd('/') : Path.Join(workspace.TrimEnd('/'), relative);
    }

    /// <summary>Resolves symlinks in every existing component of an absolute path; missing components stay as they are.</summary>
    public static string Real(string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = current == "/" ? "/" + part : current + "/" + part;
            string? target = null;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > 40)
                return Path.GetFullPath(path); // a symlink loop: nothing real behind it
            foreach (var p in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(p);
            if (target.StartsWith('/'))
                current = "/";
        }

        return current;
    }
}
