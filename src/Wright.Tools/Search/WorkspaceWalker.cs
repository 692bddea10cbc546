using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using Wright.Tools.Files;
using Wright.Tools.Files.Native;

namespace Wright.Tools.Search;

/// <summary>
/// Walks a tree with ripgrep's default filters: nested <c>.gitignore</c> files (inside a git repository), <c>.ignore</c>
/// files, <c>.git/info/exclude</c> and the global git excludes file; hidden entries and <c>.git</c> skipped; symbolic
/// links not followed. Deeper files override shallower ones, <c>.ignore</c> overrides <c>.gitignore</c>, and the last
/// matching rule of a file wins (so <c>!</c> re-includes). Hand-written: the NuGet gitignore matchers are either not
/// NativeAOT-safe or differ from git on anchoring and negation. Every folder is opened relative to the held root
/// (<see cref="DirectoryHandle"/>, never through a link) and every file relative to its held folder, so a folder
/// swapped for a link during the walk is skipped, not followed; ignore files in the tree are read without following
/// links (as git does) and without blocking.
/// </summary>
public static partial class WorkspaceWalker
{
    private const long MaxIgnoreFileBytes = 1024 * 1024;

    /// <summary>Lists entries below <paramref name="root"/> (not the root itself), in ordinal path order.</summary>
    public static List<WalkEntry> Walk(DirectoryHandle root, int maxDepth = int.MaxValue, bool includeHidden = false, CancellationToken cancellationToken = default) =>
        Walk(root, maxDepth, includeHidden, metadata: true, cancellationToken);

    /// <summary>
    /// Lists entries; without <paramref name="metadata"/> sizes and times are left zero, which saves a stat per entry
    /// (grep needs only the paths).
    /// </summary>
    internal static List<WalkEntry> Walk(DirectoryHandle root, int maxDepth, bool includeHidden, bool metadata, CancellationToken cancellationToken)
    {
        var (inGit, outer) = Prepare(root.FullPath);
        var result = new List<WalkEntry>();
        Recurse(root, 1, new Walker(maxDepth, includeHidden, metadata, inGit, result, cancellationToken), outer);
        return result;
    }

    /// <summary>
    /// Calls <paramref name="onFile"/> (with the held folder, the file's name and its absolute path) for every regular
    /// file <see cref="Walk(DirectoryHandle, int, bool, CancellationToken)"/> would list (hidden files excluded), in no
    /// particular order: <paramref name="workers"/> threads take work from a shared stack, so listing and searching
    /// overlap as in ripgrep. A listed folder's subfolders are pushed as work, and so are its files, which any idle
    /// worker then helps to search: a folder of many large files (the reference docs of an SDK) is not left to one thread.
    /// </summary>
    internal static void ForEachFile<TState>(DirectoryHandle root, int workers, Func<TState> createState, Action<DirectoryHandle, string, string, TState> onFile, CancellationToken cancellationToken)
    {
        var (inGit, outer) = Prepare(root.FullPath);
        var pending = new ConcurrentStack<Work>();
        using var available = new SemaphoreSlim(0);
        var outstanding = 1;
        Exception? failure = null;
        pending.Push(new Work("", outer, null));
        available.Release();
        void Push(Work work)
        {
            Interlocked.Increment(ref outstanding);
            pending.Push(work);
            available.Release();
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
        {
            var state = createState();
            using var disposable = state as IDisposable;
            var children = new List<(string Path, Found Entry)>();
            while (true)
            {
                // One count per pushed item, plus one per worker when all is done (or failed).
                available.Wait(cancellationToken);
                if (Volatile.Read(ref failure) is not null || !pending.TryPop(out var item))
                    return;
                try
                {
                    if (item.Files is { } shared)
                    {
                        if (shared.TryJoin())
                            shared.SearchAndLeave(onFile, state, cancellationToken);
                    }
                    else
                    {
                        children.Clear();
                        var folder = item.Relative.Length == 0 ? root : OpenBelow(root, item.Relative);
                        List<IgnoreFile>? ignores = null;
                        try
                        {
                            if (folder is not null)
                                ignores = List(folder, includeHidden: false, metadata: false, inGit, item.Ignores, children);
                        }
                        finally
                        {
                            if (ignores is null && folder != root)
                                folder?.Dispose();
                        }

                        if (folder is not null && ignores is not null)
                        {
                            var files = new List<(string Path, string Name)>();
                            foreach (var (path, entry) in children)
                            {
                                if (entry.IsDirectory)
                                    Push(new Work(item.Relative.Length == 0 ? entry.Name : item.Relative + "/" + entry.Name, ignores, null));
                                else if (entry.IsFile)
                                    files.Add((path, entry.Name));
                            }

                            var batch = new FolderFiles(folder, owned: folder != root, files);
                            if (files.Count > 1)
                                Push(new Work("", ignores, batch));
                            batch.SearchAndLeave(onFile, state, cancellationToken);
                        }
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref failure, ex, null);
                    available.Release(workers);
                    return;
                }

                if (Interlocked.Decrement(ref outstanding) == 0)
                    available.Release(workers);
            }
        });
        if (failure is not null)
            ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Whether the root is inside a git repository, and the ignore files from above it.</summary>
    private static (bool InGit, List<IgnoreFile> Outer) Prepare(string root)
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
            if (GlobalExcludes() is { } global && IgnoreFile.Load(global, repo, followLink: true) is { } globalFile)
                outer.Add(globalFile);
        }

        return (repo is not null, outer);
    }

    private static void Recurse(DirectoryHandle dir, int depth, Walker walker, List<IgnoreFile> outer)
    {
        walker.CancellationToken.ThrowIfCancellationRequested();
        var children = new List<(string Path, Found Entry)>();
        if (List(dir, walker.IncludeHidden, walker.Metadata, walker.InGit, outer, children) is not { } ignores)
            return;
        foreach (var (path, entry) in children)
        {
            walker.Result.Add(new WalkEntry(path, entry.IsDirectory, entry.Size, entry.ModifiedUtc, depth));
            if (entry.IsDirectory && depth < walker.MaxDepth)
            {
                using var child = OpenBelow(dir, entry.Name);
                if (child is not null)
                    Recurse(child, depth + 1, walker, ignores);
            }
        }
    }

    /// <summary>A folder below a held one, never through a link; null when it cannot be opened (or became a link).</summary>
    private static DirectoryHandle? OpenBelow(DirectoryHandle parent, string relative)
    {
        var fd = Beneath.Open(parent.Handle, relative, Libc.O_PATH | Libc.O_DIRECTORY);
        return fd < 0 ? null : new DirectoryHandle(Libc.Own(fd)!, parent.PathOf(relative), parent.FullPath);
    }

    /// <summary>
    /// Adds a folder's entries that pass the filters to <paramref name="into"/>, sorted by name, and returns the ignore
    /// files that apply below it (null when the folder cannot be read).
    /// </summary>
    private static List<IgnoreFile>? List(DirectoryHandle dir, bool includeHidden, bool metadata, bool inGit, List<IgnoreFile> outer, List<(string Path, Found Entry)> into)
    {
        List<(string Name, byte Type)> raw;
        try
        {
            raw = dir.List();
        }
        catch (IOException)
        {
            return null;
        }

        var entries = new List<Found>(raw.Count);
        foreach (var (name, type) in raw)
        {
            var kind = type;
            FileStat? stat = null;
            if (kind == Libc.DT_UNKNOWN || (metadata && kind != Libc.DT_DIR && kind != Libc.DT_LNK))
            {
                if (Libc.Stat(dir.Handle, name, followLinks: false, out var s) != 0)
                    continue;
                stat = FileStat.From(s);
                kind = stat.Value.IsDirectory ? Libc.DT_DIR : stat.Value.IsLink ? Libc.DT_LNK : stat.Value.IsFile ? Libc.DT_REG : (byte)1;
            }

            // Symbolic links are skipped from the directory entry's type alone, like ripgrep without -L.
            if (kind == Libc.DT_LNK)
                continue;
            entries.Add(new Found(name, kind == Libc.DT_DIR, kind == Libc.DT_REG, stat?.Size ?? 0, stat?.ModifiedUtc ?? default));
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var local = new List<IgnoreFile>();
        if (entries.Exists(e => e.Name == ".ignore") && IgnoreFile.Load(dir, ".ignore") is { } ignore)
            local.Add(ignore);
        if (inGit && entries.Exists(e => e.Name == ".gitignore") && IgnoreFile.Load(dir, ".gitignore") is { } gitignore)
            local.Add(gitignore);
        var stack = local.Count == 0 ? outer : [.. local, .. outer];
        var prefix = dir.FullPath.EndsWith('/') ? dir.FullPath : dir.FullPath + "/";
        foreach (var entry in entries)
        {
            if (entry.Name == ".git" || (!includeHidden && entry.Name.StartsWith('.')))
                continue;
            var path = prefix + entry.Name;
            if (stack.Count > 0 && Ignored(stack, path, entry.IsDirectory))
                continue;
            into.Add((path, entry));
        }

        return stack;
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
        if (WorkspaceFs.ReadSmallFile(config, MaxIgnoreFileBytes, followFinalLink: true) is { } bytes)
        {
            var match = ExcludesFile().Match(System.Text.Encoding.UTF8.GetString(bytes));
            if (match.Success)
            {
                var path = match.Groups[1].Value.Trim().Trim('"');
                return path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;
            }
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } x ? x : Path.Combine(home, ".config");
        return Path.Combine(xdg, "git", "ignore");
    }

    /// <summary>A folder to list (<paramref name="Relative"/> to the root), or the files of a listed one.</summary>
    private sealed record Work(string Relative, List<IgnoreFile> Ignores, FolderFiles? Files);

    private readonly record struct Found(string Name, bool IsDirectory, bool IsFile, long Size, DateTime ModifiedUtc);

    private sealed record Walker(int MaxDepth, bool IncludeHidden, bool Metadata, bool InGit, List<WalkEntry> Result, CancellationToken CancellationToken);

    [GeneratedRegex(@"^\s*excludesfile\s*=\s*(.+)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ExcludesFile();
}
