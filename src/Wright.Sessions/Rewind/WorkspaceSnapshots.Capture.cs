using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Wright.Sessions.Rewind;

public sealed partial class WorkspaceSnapshots
{
    private const string NestedList = "wright-nested";
    private const string SeedName = ".wright-seed";
    private static readonly Version BatchedUpdateIndex = new(2, 37);

    /// <summary>The workspace written into the shadow index and as a tree, plus the files left out.</summary>
    private sealed record Capture(string Tree, IReadOnlyList<SkippedFile> Skipped);

    /// <summary>What the last capture of this instance left: the index's stamp and the tree it holds.</summary>
    private sealed record IndexState(string Stamp, Capture Capture);

    private IndexState? _indexState;

    /// <summary>
    /// Brings the shadow index up to date with the workspace and writes it as a tree, reading only what changed.
    /// Steps: write the exclude rules; one <c>git status</c> pass (stat cache refresh plus the untracked walk; HEAD is
    /// the previous snapshot) lists modified, deleted and untracked paths; newly found nested repositories are seeded
    /// so git walks into them instead of making gitlinks, and listed again; new and modified files are measured
    /// against the size cap; tracked files that are now ignored or too large, and deleted ones, leave the index;
    /// <c>git update-index --add</c> hashes the rest (falling back to <c>git add -A</c> should it refuse a path);
    /// <c>git write-tree</c>.
    /// </summary>
    /// <remarks>
    /// When the index is byte for byte what this instance's last capture left (its trailing checksum covers content
    /// and stat data, so any other writer changes it), the exclude rules are unchanged and <c>git status</c> finds
    /// nothing to hash or remove beyond the files skipped last time, the tree is the last one: the capture costs one
    /// git process. Change detection itself stays git's (stat cache plus racy-git content checks). One case waits for
    /// the next change: a <c>.gitignore</c> that ignores itself, edited to ignore an already snapshotted file, is
    /// invisible to <c>git status</c>; that file leaves the snapshots at the next capture that changes anything.
    /// </remarks>
    private async Task<Capture> CaptureAsync(CancellationToken cancellationToken)
    {
        var previous = _indexState is { } state && state.Stamp == ShadowFiles.IndexStamp(Git.IndexFile) ? state.Capture : null;
        _indexState = null;
        var excludesChanged = false;
        var nested = ReadNested();
        var seeded = new HashSet<string>(StringComparer.Ordinal);
        var large = new SortedDictionary<string, long>(StringComparer.Ordinal);
        WorkspaceStatus status;
        for (var round = 0; ; round++)
        {
            excludesChanged |= await WriteExcludesAsync(nested, cancellationToken);
            status = WorkspaceStatus.Parse((await Git.RunAsync(
                ["status", "--porcelain=v2", "-z", "--untracked-files=all", "--ignored=no", "--no-renames", "--ignore-submodules=all"],
                cancellationToken)).Output);
            if (_storeInWorkspace is { } store)
                status.Without(store);
            // An untracked nested repository is listed as "dir/"; one with no tracked files (new, or with nothing
            // snapshotted yet) is seeded on every capture, as the seed leaves the index with the capture.
            var found = status.Repositories.Where(p => !seeded.Contains(p) && IsRepository(p)).ToList();
            if (found.Count > 0 && round < 64)
            {
                nested.UnionWith(found);
                seeded.UnionWith(found);
                await SeedAsync(found, cancellationToken);
                continue;
            }

            foreach (var path in status.Changed)
            {
                if (WorkspacePath.Lstat(WorkspacePath.Join(Workspace, path), out var length) == WorkspacePath.Kind.File && length > _options.MaxFileBytes)
                    large[path] = length;
            }

            break;
        }

        await WriteNestedAsync(nested, cancellationToken);
        if (previous is not null && !excludesChanged && seeded.Count == 0 && status.Deleted.Count == 0 && status.Dropped.Count == 0
            && status.Changed.All(p => StillSkipped(previous.Skipped, p, large)))
        {
            // git status may have refreshed stat data (never content): the new stamp stands for the same tree.
            _indexState = ShadowFiles.IndexStamp(Git.IndexFile) is { } stamp ? new IndexState(stamp, previous) : null;
            return previous;
        }

        // Seeds stay until the files are added: should `git add -A` be needed, it must still walk into the nested
        // repositories (without the seed it would record a gitlink).
        var seeds = seeded.Select(p => p + "/" + SeedName).ToHashSet(StringComparer.Ordinal);
        var leaving = GitRunner.SplitZ((await Git.RunAsync(["ls-files", "-z", "--cached", "--ignored", "--exclude-standard"], cancellationToken)).Output);
        leaving.AddRange(large.Keys);
        leaving.AddRange(status.Deleted);
        leaving.AddRange(status.Dropped);
        leaving.RemoveAll(seeds.Contains);
        if (leaving.Count > 0)
            await Git.RunAsync(["update-index", "-z", "--force-remove", "--stdin"], cancellationToken, input: GitRunner.JoinZ(leaving));
        var left = leaving.ToHashSet(StringComparer.Ordinal);
        var adding = status.Changed.Where(p => !left.Contains(p)).ToList();
        var skipped = large.Select(p => new SkippedFile(p.Key, p.Value, SkipReason.TooLarge)).ToList();
        if (adding.Count > 0)
        {
            // Before git 2.37 update-index wrote each streamed blob to a pack of its own; `git add` has always
            // batched them, so older gits take that (slower: one more walk) route.
            var added = Git.Version >= BatchedUpdateIndex && await UpdateIndexAsync(adding, cancellationToken);
            if (!added)
            {
                // git stops at the first file it cannot read: leave unreadable files out (reported) and try again.
                var unreadable = adding.Where(p => !Readable(p)).ToList();
                skipped.AddRange(unreadable.Select(p => new SkippedFile(p, 0, SkipReason.Unreadable)));
                adding.RemoveAll(unreadable.Contains);
                if (unreadable.Count > 0)
                    await Git.RunAsync(["update-index", "-z", "--force-remove", "--stdin"], cancellationToken, input: GitRunner.JoinZ(unreadable));
                added = unreadable.Count > 0 && Git.Version >= BatchedUpdateIndex && await UpdateIndexAsync(adding, cancellationToken);
                if (!added)
                    await AddAllAsync([.. large.Keys, .. unreadable, .. _storeInWorkspace is { } store ? [store] : Array.Empty<string>()], cancellationToken);
            }
        }

        // Remove the seeds that are placeholders (a nested repository may hold a real file by that name).
        var placeholders = seeds.Where(p => WorkspacePath.Lstat(WorkspacePath.Join(Workspace, p), out _) == WorkspacePath.Kind.None).ToList();
        if (placeholders.Count > 0)
            await Git.RunAsync(["update-index", "-z", "--force-remove", "--stdin"], cancellationToken, input: GitRunner.JoinZ(placeholders));

        var tree = (await Git.RunAsync(["write-tree"], cancellationToken)).Text;
        var capture = new Capture(tree, [.. skipped.OrderBy(s => s.Path, StringComparer.Ordinal)]);
        _indexState = ShadowFiles.IndexStamp(Git.IndexFile) is { } written ? new IndexState(written, capture) : null;
        return capture;
    }

    /// <summary>Whether a path git lists as changed is a file the last capture left out, for the same reason now.</summary>
    private bool StillSkipped(IReadOnlyList<SkippedFile> skipped, string path, SortedDictionary<string, long> large)
    {
        var last = skipped.FirstOrDefault(s => s.Path == path);
        if (last is null)
            return false;
        return last.Reason == SkipReason.TooLarge
            ? large.TryGetValue(path, out var size) && size == last.Size
            : last.Reason == SkipReason.Unreadable && !Readable(path);
    }

    private async Task<bool> UpdateIndexAsync(List<string> paths, CancellationToken cancellationToken) =>
        paths.Count == 0 || (await Git.RunAsync(
            [.. GitRunner.PackNewBlobs, "update-index", "-z", "--add", "--remove", "--replace", "--stdin"],
            cancellationToken,
            input: GitRunner.JoinZ(paths),
            allowFailure: true)).ExitCode == 0;

    private bool Readable(string path)
    {
        var full = WorkspacePath.Join(Workspace, path);
        if (WorkspacePath.Lstat(full, out _) != WorkspacePath.Kind.File)
            return true;
        try
        {
            using var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// <c>git add -A</c> with the too-large files excluded by literal pathspecs. Should git still meet a nested
    /// repository it would record as a gitlink and refuse ("does not have a commit checked out"), that directory is
    /// excluded the same way and the add retried, so a snapshot never fails on it.
    /// </summary>
    private async Task AddAllAsync(IEnumerable<string> excluded, CancellationToken cancellationToken)
    {
        var pathspecs = new List<string> { "." };
        pathspecs.AddRange(excluded.Select(p => ":(exclude,literal,top)" + p));
        for (var attempt = 0; ; attempt++)
        {
            var add = await Git.RunAsync([.. GitRunner.PackNewBlobs, "add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul"], cancellationToken, input: GitRunner.JoinZ(pathspecs), allowFailure: true);
            if (add.ExitCode == 0)
                return;
            var refused = NoCommitCheckedOut().Matches(add.Error).Select(m => m.Groups[1].Value).ToList();
            if (refused.Count == 0 || attempt >= 8)
                throw new SnapshotException($"git add failed (exit {add.ExitCode}): {add.Error}");
            pathspecs.AddRange(refused.Select(p => ":(exclude,literal,top)" + p));
        }
    }

    [GeneratedRegex("^error: '(.+)/' does not have a commit checked out$", RegexOptions.Multiline)]
    private static partial Regex NoCommitCheckedOut();

    private bool IsRepository(string relative) =>
        WorkspacePath.Lstat(WorkspacePath.Join(Workspace, relative + "/.git"), out _) is WorkspacePath.Kind.Directory or WorkspacePath.Kind.File;

    /// <summary>
    /// Puts a placeholder entry inside each nested repository into the index: git then treats the directory as one it
    /// already tracks and walks into it (listing and adding its files) instead of recording a gitlink. The capture
    /// removes the placeholder once the files are in.
    /// </summary>
    private async Task SeedAsync(IEnumerable<string> repositories, CancellationToken cancellationToken)
    {
        var input = new StringBuilder();
        foreach (var repository in repositories)
            input.Append("100644 ").Append(EmptyBlob).Append('\t').Append(repository).Append('/').Append(SeedName).Append('\0');
        await Git.RunAsync(["update-index", "-z", "--add", "--replace", "--index-info"], cancellationToken, input: Encoding.UTF8.GetBytes(input.ToString()));
    }

    private SortedSet<string> ReadNested()
    {
        var file = Path.Combine(GitDirectory, NestedList);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (!File.Exists(file))
            return set;
        foreach (var path in File.ReadAllText(file).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsRepository(path))
                set.Add(path);
        }

        return set;
    }

    private async Task WriteNestedAsync(SortedSet<string> nested, CancellationToken cancellationToken) =>
        await WriteIfChangedAsync(Path.Combine(GitDirectory, NestedList), string.Concat(nested.Select(p => p + "\0")), cancellationToken);

    private async Task<bool> WriteExcludesAsync(IEnumerable<string> nested, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("# Written by Wright before each snapshot: the user's ignore rules that the shadow repository would not see.\n.git\n");
        foreach (var rule in IgnoreSources.UserRules(Workspace, await GlobalExcludesAsync(cancellationToken)))
            text.Append(rule).Append('\n');
        foreach (var repository in nested)
        {
            foreach (var rule in IgnoreSources.NestedRules(Workspace, repository))
                text.Append(rule).Append('\n');
        }

        // The snapshot store itself, should it live inside the workspace (say Wright runs in the home directory).
        if (_storeInWorkspace is { } store && IgnoreRules.Literal(store) is { } storeRule)
            text.Append(storeRule).Append("/\n");
        Directory.CreateDirectory(Path.Combine(GitDirectory, "info"));
        return await WriteIfChangedAsync(Path.Combine(GitDirectory, "info", "exclude"), text.ToString(), cancellationToken);
    }

    private static async Task<bool> WriteIfChangedAsync(string file, string text, CancellationToken cancellationToken)
    {
        if (File.Exists(file) && await File.ReadAllTextAsync(file, cancellationToken) == text)
            return false;
        await File.WriteAllTextAsync(file, text, cancellationToken);
        return true;
    }

    /// <summary>
    /// The user's global excludes file (<c>core.excludesFile</c>, else <c>$XDG_CONFIG_HOME/git/ignore</c>), looked up
    /// once by asking git for that one setting of the user's global configuration (their HOME and XDG_CONFIG_HOME).
    /// The workspace's repository is never consulted: git runs in Wright's own empty directory with discovery
    /// stopped there, so a repository's <c>.git/config</c>, <c>commondir</c> or <c>include.path</c> is not read.
    /// </summary>
    private async Task<string?> GlobalExcludesAsync(CancellationToken cancellationToken)
    {
        if (_globalExcludesRead)
            return _globalExcludes;
        var psi = new ProcessStartInfo(Git.Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _home,
        };
        foreach (var a in new[] { "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "config", "--global", "--path", "--get", "core.excludesFile" })
            psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(_home) ?? _home;
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["PATH"] = Wright.Core.Processes.TrustedPrograms.SearchPath([Workspace]);
        var result = await GitRunner.RunProcessAsync(psi, null, allowFailure: true, "config", cancellationToken);
        var configured = result.ExitCode == 0 ? result.Text.Trim() : "";
        if (configured.Length == 0)
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            configured = !string.IsNullOrEmpty(xdg) ? Path.Combine(xdg, "git", "ignore")
                : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".config", "git", "ignore")
                : "";
        }

        _globalExcludes = configured.Length == 0 ? null : Path.GetFullPath(configured, Workspace);
        _globalExcludesRead = true;
        return _globalExcludes;
    }
}
