namespace Wright.Sessions.Rewind;

/// <summary>
/// Reads the ignore rules the user's git applies to the workspace that the shadow repository would not otherwise see.
/// The shadow reads the workspace's own <c>.gitignore</c> files itself; this adds, in git's order of precedence, the
/// user's global excludes file, the user repository's <c>info/exclude</c>, the <c>.gitignore</c> files of the
/// directories between the user's repository root and the workspace, and each nested repository's
/// <c>info/exclude</c>. Everything here only reads files.
/// </summary>
internal static class IgnoreSources
{
    /// <summary>The closest directory from the workspace upwards that holds a <c>.git</c> entry, or null.</summary>
    public static string? FindRepositoryRoot(string workspace)
    {
        for (var dir = workspace; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (WorkspacePath.Lstat(Path.Combine(dir, ".git"), out _) is WorkspacePath.Kind.Directory or WorkspacePath.Kind.File)
                return dir;
        }

        return null;
    }

    /// <summary>The git directory shared by all worktrees of the repository at <paramref name="root"/>, or null.</summary>
    public static string? CommonGitDir(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        switch (WorkspacePath.Lstat(dotGit, out _))
        {
            case WorkspacePath.Kind.Directory:
                return dotGit;
            case WorkspacePath.Kind.File:
                var text = ReadText(dotGit);
                if (text is null || !text.StartsWith("gitdir:", StringComparison.Ordinal))
                    return null;
                var gitDir = Path.GetFullPath(text["gitdir:".Length..].Trim(), root);
                var common = ReadText(Path.Combine(gitDir, "commondir"));
                return common is null ? gitDir : Path.GetFullPath(common.Trim(), gitDir);
            default:
                return null;
        }
    }

    /// <summary>The user's rules that apply to the workspace, rebased onto it.</summary>
    public static IEnumerable<string> UserRules(string workspace, string? globalExcludes)
    {
        var root = FindRepositoryRoot(workspace);
        var top = root ?? workspace;
        var relative = Segments(top, workspace);
        if (globalExcludes is not null)
        {
            foreach (var rule in Rebased(globalExcludes, relative))
                yield return rule;
        }

        if (root is not null && CommonGitDir(root) is { } gitDir)
        {
            foreach (var rule in Rebased(Path.Combine(gitDir, "info", "exclude"), relative))
                yield return rule;
        }

        for (var i = 0; i < relative.Count; i++)
        {
            var dir = Path.Combine([top, .. relative.Take(i)]);
            foreach (var rule in Rebased(Path.Combine(dir, ".gitignore"), relative.Skip(i).ToList()))
                yield return rule;
        }
    }

    /// <summary>The <c>info/exclude</c> rules of the nested repository at <paramref name="nested"/> (relative to the
    /// workspace, '/'-separated), anchored at it.</summary>
    public static IEnumerable<string> NestedRules(string workspace, string nested)
    {
        if (CommonGitDir(WorkspacePath.Join(workspace, nested)) is not { } gitDir || ReadLines(Path.Combine(gitDir, "info", "exclude")) is not { } lines)
            yield break;
        foreach (var line in lines)
        {
            if (IgnoreRules.Prefix(line, nested) is { } rule)
                yield return rule;
        }
    }

    private static List<string> Segments(string ancestor, string path) =>
        Path.GetRelativePath(ancestor, path) is var rel && rel == "."
            ? []
            : [.. rel.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)];

    private static IEnumerable<string> Rebased(string file, IReadOnlyList<string> relative)
    {
        foreach (var line in ReadLines(file) ?? [])
        {
            if (IgnoreRules.Rebase(line, relative) is { } rule)
                yield return rule;
        }
    }

    private static string[]? ReadLines(string file) => ReadText(file)?.Split('\n');

    /// <summary>
    /// Reads a small regular file, never through a final symlink: these files live in repositories the sandbox can
    /// write. Something of size 0 (an empty file, but also a FIFO or a device) is not opened, so nothing can block or
    /// stream forever; more than 1 MB is not an ignore file.
    /// </summary>
    private static string? ReadText(string file)
    {
        try
        {
            if (WorkspacePath.Lstat(file, out var length) != WorkspacePath.Kind.File || length is 0 or > 1 << 20)
                return null;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.None);
            var buffer = new byte[length];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
