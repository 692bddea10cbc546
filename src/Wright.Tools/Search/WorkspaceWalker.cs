using System.Text.RegularExpressions;

namespace Wright.Tools.Search;

/// <summary>
/// Walks a tree with ripgrep's default filters: nested <c>.gitignore</c> files (inside a git repository), <c>.ignore</c>
/// files, <c>.git/info/exclude</c> and the global git excludes file; hidden entries and <c>.git</c> skipped; symbolic
/// links not followed. Deeper files override shallower ones, <c>.ignore</c> overrides <c>.gitignore</c>, and the last
/// matching rule of a file wins (so <c>!</c> re-includes). Hand-written: the NuGet gitignore matchers are either not
/// NativeAOT-safe or differ from git on anchoring and negation.
/// </summary>
public static partial class WorkspaceWalker
{
    /// <summary>Lists entries below <paramref name="root"/> (not the root itself), in ordinal path order.</summary>
    public static List<WalkEntry> Walk(string root, int maxDepth = int.MaxValue, bool includeHidden = false, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root).TrimEnd('/');
        if (root.Length == 0)
            root = "/";
        var repo = FindRepository(root);
        var outer = new List<IgnoreFile>();
        if (repo is not null)
        {
            // Ancestors between the repository root and the search root contribute their ignore files too.
            var ancestors = new List<string>();
            for (var dir = Path.GetDirectoryName(root); dir is not null && dir.Length >= repo.Length; dir = Path.GetDirectoryName(dir))
                ancestors.Add(dir);
            foreach (var dir in ancestors)
                AddDirectoryFiles(outer, dir, inGit: true);
            if (IgnoreFile.Load(Path.Combine(repo, ".git", "info", "exclude"), repo) is { } exclude)
                outer.Add(exclude);
            if (GlobalExcludes() is { } global && IgnoreFile.Load(global, repo) is { } globalFile)
                outer.Add(globalFile);
        }

        var result = new List<WalkEntry>();
        Recurse(root, 1, maxDepth, includeHidden, repo is not null, outer, result, cancellationToken);
        return result;
    }

    /// <summary>Whether a file looks binary (a NUL byte in its first 8 KB).</summary>
    public static bool IsBinary(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[8192];
            var read = stream.Read(head);
            return head[..read].Contains((byte)0);
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static void Recurse(string dir, int depth, int maxDepth, bool includeHidden, bool inGit, List<IgnoreFile> outer, List<WalkEntry> result,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var local = new List<IgnoreFile>();
        AddDirectoryFiles(local, dir, inGit);
        var stack = local.Count == 0 ? outer : [.. local, .. outer];
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (entry.Name == ".git" || (!includeHidden && entry.Name.StartsWith('.')) || entry.LinkTarget is not null)
                continue;
            var isDirectory = (entry.Attributes & FileAttributes.Directory) != 0;
            if (Ignored(stack, entry.FullName, isDirectory))
                continue;
            result.Add(new WalkEntry(entry.FullName, isDirectory, isDirectory ? 0 : ((FileInfo)entry).Length, entry.LastWriteTimeUtc, depth));
            if (isDirectory && depth < maxDepth)
                Recurse(entry.FullName, depth + 1, maxDepth, includeHidden, inGit, stack, result, cancellationToken);
        }
    }

    private static bool Ignored(List<IgnoreFile> stack, string path, bool isDirectory)
    {
        foreach (var file in stack)
        {
            if (file.Decide(path, isDirectory) is { } decision)
                return decision;
        }

        return false;
    }

    private static void AddDirectoryFiles(List<IgnoreFile> list, string dir, bool inGit)
    {
        if (IgnoreFile.Load(Path.Combine(dir, ".ignore"), dir) is { } ignore)
            list.Add(ignore);
        if (inGit && IgnoreFile.Load(Path.Combine(dir, ".gitignore"), dir) is { } gitignore)
            list.Add(gitignore);
    }

    private static string? FindRepository(string start)
    {
        for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
                return dir;
        }

        return null;
    }

    private static string? GlobalExcludes()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var config = Path.Combine(home, ".gitconfig");
        if (File.Exists(config))
        {
            var match = ExcludesFile().Match(File.ReadAllText(config));
            if (match.Success)
            {
                var path = match.Groups[1].Value.Trim().Trim('"');
                return path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;
            }
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } x ? x : Path.Combine(home, ".config");
        return Path.Combine(xdg, "git", "ignore");
    }

    [GeneratedRegex(@"^\s*excludesfile\s*=\s*(.+)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ExcludesFile();
}
