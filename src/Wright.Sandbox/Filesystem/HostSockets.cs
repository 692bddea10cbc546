namespace Wright.Sandbox.Filesystem;

/// <summary>
/// Unix sockets bound on the host (from /proc/net/unix of Wright's network namespace). Read-only mounts do not stop
/// connect() on a socket file, and bubblewrap 0.8 cannot mount over a socket, so the sandbox hides the folders that
/// hold them (abstract sockets are already out of reach: the sandbox has its own network namespace).
/// </summary>
internal static class HostSockets
{
    /// <summary>Folders that are never hidden whole (the sandbox needs them); a socket directly inside one stays reachable.</summary>
    private static readonly HashSet<string> Essential = new(StringComparer.Ordinal)
    {
        "/", "/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt", "/var", "/srv", "/boot", "/nix", "/snap", "/proc", "/sys", "/dev",
    };

    /// <summary>The folders to hide: each folder holding a bound socket, unless it is essential or the socket is inside the workspace or one of <paramref name="covered"/> (hidden already). The workspace is bound after them, so it stays visible when one is its ancestor.</summary>
    public static IReadOnlyList<string> FoldersToHide(string workspace, IReadOnlyCollection<string> covered, string table = "/proc/net/unix")
    {
        string text;
        try
        {
            text = File.ReadAllText(table);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Skip(1))
        {
            // Num RefCount Protocol Flags Type St Inode Path: the path is what follows the seventh field.
            var fields = line.Split(' ', 8, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8 || !fields[7].StartsWith('/'))
                continue;
            var path = fields[7];
            var folder = Path.GetDirectoryName(path);
            if (folder is null || Essential.Contains(folder) || PathRules.Inside(path, workspace) || covered.Any(c => PathRules.Inside(path, c)))
                continue;
            if (NativeFiles.Is(path, NativeFiles.Socket) && NativeFiles.Is(folder, NativeFiles.Directory))
                folders.Add(folder);
        }

        // A folder inside another one already hidden needs no mount of its own.
        return [.. folders.Where(f => !folders.Any(o => o != f && PathRules.Inside(f, o)))];
    }
}
