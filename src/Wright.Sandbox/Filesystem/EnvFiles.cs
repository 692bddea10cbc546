namespace Wright.Sandbox.Filesystem;

/// <summary>The dotenv files of a workspace at any depth (links to files included, folders behind links not entered).</summary>
internal static class EnvFiles
{
    private const int MaxEntries = 200_000;

    /// <summary>
    /// The files to hide for the dotenv files under <paramref name="workspace"/>: the file itself, or for a link the
    /// file it leads to (a mount lands on the target anyway). Dependency and build folders are skipped; at most
    /// 200,000 entries are looked at.
    /// </summary>
    public static IReadOnlyList<string> Find(string workspace)
    {
        var found = new List<string>();
        var seen = 0;
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false, ReturnSpecialDirectories = false };
        var pending = new Stack<(string Path, int Depth)>([(workspace, 0)]);
        while (pending.TryPop(out var current) && seen < MaxEntries)
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(current.Path).EnumerateFileSystemInfos("*", options);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (++seen > MaxEntries)
                    break;
                var isLink = entry.LinkTarget is not null;
                if (entry is DirectoryInfo && !isLink)
                {
                    if (current.Depth < 32 && !ProtectedPaths.SkippedInEnvSearch.Contains(entry.Name))
                        pending.Push((entry.FullName, current.Depth + 1));
                    continue;
                }

                // A link counts when it leads to a regular file; a dangling one leads nowhere.
                var file = isLink ? PathRules.Resolve(entry) : entry.FullName;
                if (file is not null && ProtectedPaths.IsEnvFile(entry.Name) && NativeFiles.Is(file, NativeFiles.Regular))
                    found.Add(file);
            }
        }

        return found;
    }
}
