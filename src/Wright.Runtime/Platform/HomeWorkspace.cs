namespace Wright.Runtime.Platform;

/// <summary>
/// A workspace that is the home directory, an ancestor of it, or <c>/</c> puts every dotfile, SSH key and shell rc
/// file inside the sandbox's writable root and under the file tools: Wright works there only when the person
/// confirms (interactive), passes <c>--allow-home-workspace</c>, or sets <c>"allow_home_workspace": true</c> in the
/// user config.
/// </summary>
internal static class HomeWorkspace
{
    /// <summary>The home directory when <paramref name="workspace"/> is it, an ancestor of it or <c>/</c>; else null.</summary>
    public static string? Covers(string workspace, Func<string, string?> environment)
    {
        var ws = Path.TrimEndingDirectorySeparator(NativeMethods.Canonicalize(workspace) ?? Path.GetFullPath(workspace));
        var configured = environment("HOME");
        var home = string.IsNullOrWhiteSpace(configured) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : configured;
        if (ws == Path.GetPathRoot(ws))
            return string.IsNullOrEmpty(home) ? ws : home;
        if (string.IsNullOrEmpty(home))
            return null;
        var canonicalHome = Path.TrimEndingDirectorySeparator(NativeMethods.Canonicalize(home) ?? Path.GetFullPath(home));
        return canonicalHome == ws || canonicalHome.StartsWith(ws + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? canonicalHome : null;
    }
}
