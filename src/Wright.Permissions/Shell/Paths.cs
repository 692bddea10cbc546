namespace Wright.Permissions.Shell;

/// <summary>Path helpers for permission decisions (lexical; symlinks are the sandbox's job).</summary>
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
}
