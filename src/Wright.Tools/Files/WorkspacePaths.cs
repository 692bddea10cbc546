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
}
