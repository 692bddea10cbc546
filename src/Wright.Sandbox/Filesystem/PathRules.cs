namespace Wright.Sandbox.Filesystem;

/// <summary>Path comparisons and link resolution shared by the sandbox's planners.</summary>
internal static class PathRules
{
    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it (canonical paths; no prefix confusion).</summary>
    public static bool Inside(string path, string folder) =>
        path == folder || path.StartsWith(folder == "/" ? "/" : folder + "/", StringComparison.Ordinal);

    /// <summary>The canonical final target of a link, or null when it dangles or loops.</summary>
    public static string? Resolve(FileSystemInfo link)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            return target is not null && Path.Exists(target.FullName) ? Homes.Canonical(target.FullName) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
