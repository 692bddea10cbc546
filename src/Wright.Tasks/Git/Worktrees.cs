using System.Collections.Concurrent;
using System.Globalization;

namespace Wright.Tasks.Git;

/// <summary>
/// Each attempt's own git worktree and branch under <c>$WRIGHT_HOME/worktrees</c>; the person's checkout is left alone
/// until they apply a result. Merges are computed without a working tree (<c>git merge-tree</c>) and refused on
/// conflict; a merge into the branch the person has checked out goes through their checkout only when it is clean.
/// </summary>
/// <remarks>
/// What adds, removes, commits in or merges into a repository's worktrees runs one at a time per repository: git reads
/// every worktree's metadata for some of these, and a worktree half made by a concurrent <c>git worktree add</c>
/// fails them ("failed to read .git/worktrees/…/commondir").
/// </remarks>
public sealed class Worktrees(string root)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    /// <summary>Where the worktrees live.</summary>
    public string Root { get; } = root;

    /// <summary>The worktree path of an attempt.</summary>
    public string PathOf(string taskId, int attempt) => Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"{taskId}-{attempt}"));

    /// <summary>
    /// The commit <paramref name="baseRef"/> names in <paramref name="repo"/>; throws <see cref="TaskException"/> when
    /// none, naming the repository as <paramref name="shown"/> (a remote, for its mirror) or its path.
    /// </summary>
    public static async Task<string> ResolveAsync(string repo, string baseRef, CancellationToken cancellationToken, string? shown = null)
    {
        var rev = await GitRunner.RunAsync(repo, cancellationToken, "rev-parse", "--verify", "--quiet", "--end-of-options", baseRef + "^{commit}");
        return rev.Ok ? rev.Stdout.Trim() : throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.NoSuchBase, baseRef, shown ?? repo));
    }

    /// <summary>
    /// Creates the attempt's worktree on a new branch at <paramref name="baseCommit"/>, or keeps the one a previous run
    /// made when the store <paramref name="recorded"/> it as made. An unrecorded directory is what a process killed
    /// during <c>git worktree add</c> left (a checkout missing files would read as deletions): it is made again.
    /// </summary>
    public async Task<string> EnsureAsync(string repo, string branch, string path, string baseCommit, bool recorded, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(repo, cancellationToken);
        var exists = Directory.Exists(Path.Combine(path, ".git")) || File.Exists(Path.Combine(path, ".git"));
        if (exists && recorded)
            return path;
        if (Directory.Exists(path))
        {
            await GitRunner.RunAsync(repo, cancellationToken, "worktree", "remove", "--force", path);
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }

        await GitRunner.RunAsync(repo, cancellationToken, "worktree", "prune");
        Directory.CreateDirectory(Root);
        var branchExists = await GitRunner.RunAsync(repo, cancellationToken, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch);
        var add = branchExists.Ok
            ? await GitRunner.RunAsync(repo, cancellationToken, "worktree", "add", "--quiet", path, branch)
            : await GitRunner.RunAsync(repo, cancellationToken, "worktree", "add", "--quiet", "-b", branch, path, baseCommit);
        if (!add.Ok)
            throw new IOException(add.Stderr.Trim());
        return path;
    }

    /// <summary>Commits everything the attempt changed in its worktree (nothing when there is no change).</summary>
    /// <remarks>
    /// The worktree is what the sandbox wrote, and git asks every populated submodule of the index (a gitlink) for its
    /// state by running <c>git status</c> inside it with that repository's own config — a nested repository made in
    /// the sandbox would name a clean filter that then runs on the host. So git never looks into one: gitlinks leave
    /// the index before <c>add -A</c>, which records a nested repository by its <c>HEAD</c> alone; one whose folder is
    /// still there but not populated (a submodule never checked out) is put back as it was; and the commit is made
    /// with plumbing (<c>write-tree</c>, <c>commit-tree</c>, <c>update-ref</c>), as <c>git commit</c> would ask
    /// gitlinks again.
    /// </remarks>
    public static async Task CommitAllAsync(string repo, string worktree, string message, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(repo, cancellationToken);
        var staged = await GitRunner.RunAsync(worktree, cancellationToken, "ls-files", "--stage", "-z");
        if (!staged.Ok)
            throw new IOException(staged.Stderr.Trim());
        var gitlinks = new List<(string Object, string Path)>();
        foreach (var entry in staged.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "mode object stage\tpath"
            var tab = entry.IndexOf('\t', StringComparison.Ordinal);
            var fields = tab < 0 ? [] : entry[..tab].Split(' ');
            if (fields.Length == 3 && fields[0] == "160000")
                gitlinks.Add((fields[1], entry[(tab + 1)..]));
        }

        if (gitlinks.Count > 0)
            await MustAsync(worktree, ["update-index", "--force-remove", "--", .. gitlinks.Select(g => g.Path)], cancellationToken);
        await MustAsync(worktree, ["add", "-A"], cancellationToken);
        foreach (var (obj, path) in gitlinks)
        {
            if (!Directory.Exists(Path.Combine(worktree, path)))
                continue; // removed by the attempt
            var now = await GitRunner.RunAsync(worktree, cancellationToken, "ls-files", "--stage", "-z", "--", ":(literal)" + path);
            if (now.Ok && now.Stdout.Length == 0)
                await MustAsync(worktree, ["update-index", "--add", "--cacheinfo", "160000," + obj + "," + path], cancellationToken);
        }

        var tree = (await MustAsync(worktree, ["write-tree"], cancellationToken)).Trim();
        var head = (await MustAsync(worktree, ["rev-parse", "--verify", "HEAD"], cancellationToken)).Trim();
        if ((await MustAsync(worktree, ["rev-parse", "--verify", head + "^{tree}"], cancellationToken)).Trim() == tree)
            return;
        var commit = (await MustAsync(worktree, ["commit-tree", tree, "-p", head, "-m", message], cancellationToken)).Trim();
        await MustAsync(worktree, ["update-ref", "-m", "commit: " + message.Split('\n')[0], "HEAD", commit, head], cancellationToken);
    }

    private static async Task<string> MustAsync(string directory, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var result = await GitRunner.RunAsync(directory, args, cancellationToken);
        return result.Ok ? result.Stdout : throw new IOException(result.Stderr.Trim());
    }

    /// <summary>The branch's changes since <paramref name="baseCommit"/> (<paramref name="headRef"/>: where its head is, default <c>refs/heads/</c>branch).</summary>
    public static async Task<AttemptDiff> DiffAsync(string repo, string baseCommit, string branch, CancellationToken cancellationToken, string? headRef = null)
    {
        var head = await ResolveAsync(repo, headRef ?? "refs/heads/" + branch, cancellationToken);
        var diff = await GitRunner.RunAsync(repo, cancellationToken, "diff", "--no-color", "--no-ext-diff", "--no-textconv", baseCommit, head, "--");
        var numstat = await GitRunner.RunAsync(repo, cancellationToken, "diff", "--numstat", "-z", "--no-renames", baseCommit, head, "--");
        if (!diff.Ok || !numstat.Ok)
            throw new IOException((diff.Stderr + numstat.Stderr).Trim());
        var files = new List<FileStat>();
        foreach (var entry in numstat.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('\t', 3);
            if (parts.Length == 3)
                files.Add(new FileStat(parts[2], Number(parts[0]), Number(parts[1])));
        }

        return new AttemptDiff(baseCommit, head, diff.Stdout, files);
    }

    /// <summary>Removes the worktree and its branch (what is gone stays gone; errors are ignored).</summary>
    public static async Task RemoveAsync(string repo, string? path, string branch, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(repo, cancellationToken);
        if (path is not null)
            await GitRunner.RunAsync(repo, cancellationToken, "worktree", "remove", "--force", path);
        if (path is not null && Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        await GitRunner.RunAsync(repo, cancellationToken, "worktree", "prune");
        await GitRunner.RunAsync(repo, cancellationToken, "branch", "-D", "--", branch);
    }

    /// <summary>
    /// Applies the attempt's branch: merge, patch or push. Conflicts are reported and nothing is changed. With
    /// <paramref name="remote"/>, <paramref name="repo"/> is a fleet node's mirror of that remote (fetched just before)
    /// and the remote is what changes: a merge is made in the mirror and pushed to the remote's branch only if that
    /// branch is still where the mirror saw it (else nothing changes and the person applies again); a push goes to
    /// that remote only. <paramref name="headRef"/>: where the attempt's head is (default <c>refs/heads/</c>branch).
    /// </summary>
    public static async Task<ApplyResult> ApplyAsync(string repo, string baseCommit, string branch, ApplyRequest request, string defaultInto, string message,
        CancellationToken cancellationToken, string? headRef = null, string? remote = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var _ = await LockAsync(repo, cancellationToken);
        var head = await ResolveAsync(repo, headRef ?? "refs/heads/" + branch, cancellationToken);
        switch (request.Method)
        {
            case "patch":
            {
                var patch = await GitRunner.RunAsync(repo, cancellationToken, "format-patch", "--stdout", "--no-color", baseCommit + ".." + head);
                if (!patch.Ok)
                    throw new IOException(patch.Stderr.Trim());
                return new ApplyResult(true, "patch", null, head, patch.Stdout, [], Text.TaskStrings.PatchExported);
            }

            case "push":
            {
                if (remote is not null && request.Remote is { } other && other != remote)
                    throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.OtherRemote, RemoteUrl.Redact(remote), RemoteUrl.Redact(other)));
                var target = remote ?? request.Remote ?? "origin";
                var into = request.Into ?? branch;
                var push = await GitRunner.RunAsync(repo, cancellationToken, "push", "--porcelain", "--receive-pack=git-receive-pack", "--end-of-options", target, head + ":refs/heads/" + into);
                var shown = RemoteUrl.Redact(target);
                return push.Ok
                    ? new ApplyResult(true, "push", into, head, null, [], string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.Pushed, shown, into))
                    : new ApplyResult(false, "push", into, null, null, [], string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.PushFailed, shown, into, push.Stderr.Trim()));
            }

            case "merge" when remote is not null:
                return await MergeIntoRemoteAsync(repo, remote, head, branch, request.Into ?? defaultInto, message, cancellationToken);
            case "merge":
                return await MergeAsync(repo, head, branch, request.Into ?? defaultInto, message, cancellationToken);
            default:
                throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.BadApplyMethod, request.Method));
        }
    }

    /// <summary>
    /// A merge for a remote: made in the mirror (bare, so without a checkout: <c>merge-tree</c>, <c>commit-tree</c>),
    /// then pushed to the remote's branch with a lease on the commit the mirror fetched (compare-and-swap: if someone
    /// pushed meanwhile, nothing changes there, the mirror's branch goes back, and the person applies again).
    /// </summary>
    private static async Task<ApplyResult> MergeIntoRemoteAsync(string mirror, string remote, string head, string branch, string into, string message,
        CancellationToken cancellationToken)
    {
        var target = await GitRunner.RunAsync(mirror, cancellationToken, "rev-parse", "--verify", "--quiet", "refs/heads/" + into);
        var old = target.Ok ? target.Stdout.Trim() : null;
        var merged = await MergeAsync(mirror, head, branch, into, message, cancellationToken);
        if (!merged.Applied || old is null)
            return merged;
        var push = await GitRunner.RunAsync(mirror, cancellationToken, "push", "--porcelain", "--receive-pack=git-receive-pack", "--force-with-lease=refs/heads/" + into + ":" + old,
            "--end-of-options", remote, merged.Commit + ":refs/heads/" + into);
        if (push.Ok)
            return merged with { Message = string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.MergedAndPushed, branch, into, RemoteUrl.Redact(remote)) };
        await GitRunner.RunAsync(mirror, cancellationToken, "update-ref", "refs/heads/" + into, old, merged.Commit!);
        return new ApplyResult(false, "merge", into, null, null, [],
            string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.RemoteMoved, RemoteUrl.Redact(remote), into, branch, push.Stderr.Trim()));
    }

    private static async Task<ApplyResult> MergeAsync(string repo, string head, string branch, string into, string message, CancellationToken cancellationToken)
    {
        var target = await GitRunner.RunAsync(repo, cancellationToken, "rev-parse", "--verify", "--quiet", "refs/heads/" + into);
        if (!target.Ok)
            throw new TaskException(TaskErrorKind.Invalid, string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.NoSuchBranch, into));
        var old = target.Stdout.Trim();
        var merged = await GitRunner.RunAsync(repo, cancellationToken, "merge-tree", "--write-tree", "--name-only", "--no-messages", old, head);
        if (merged.ExitCode == 1)
        {
            var lines = merged.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var conflicts = lines.Skip(1).Distinct(StringComparer.Ordinal).ToList();
            return new ApplyResult(false, "merge", into, null, null, conflicts,
                string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.MergeConflicts, branch, into, string.Join(", ", conflicts)));
        }

        if (!merged.Ok)
            throw new IOException(merged.Stderr.Trim());
        var tree = merged.Stdout.Split('\n')[0].Trim();

        // The person's checkout: if it has `into` checked out, merge there (only when clean), so its files follow.
        var current = await GitRunner.RunAsync(repo, cancellationToken, "symbolic-ref", "--quiet", "HEAD");
        var bare = (await GitRunner.RunAsync(repo, cancellationToken, "rev-parse", "--is-bare-repository")).Stdout.Trim() == "true";
        if (!bare && current.Ok && current.Stdout.Trim() == "refs/heads/" + into)
        {
            var status = await GitRunner.RunAsync(repo, cancellationToken, "status", "--porcelain", "--untracked-files=no", "--ignore-submodules=all");
            if (status.Stdout.Trim().Length > 0)
                return new ApplyResult(false, "merge", into, null, null, [], string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.CheckoutDirty, into));
            var merge = await GitRunner.RunAsync(repo, cancellationToken, "merge", "--no-ff", "--no-edit", "-m", message, head);
            if (!merge.Ok)
            {
                await GitRunner.RunAsync(repo, cancellationToken, "merge", "--abort");
                return new ApplyResult(false, "merge", into, null, null, [], merge.Stdout.Trim() + merge.Stderr.Trim());
            }

            var after = await ResolveAsync(repo, "HEAD", cancellationToken);
            return new ApplyResult(true, "merge", into, after, null, [], string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.Merged, branch, into));
        }

        var commit = await GitRunner.RunAsync(repo, cancellationToken, "commit-tree", tree, "-p", old, "-p", head, "-m", message);
        if (!commit.Ok)
            throw new IOException(commit.Stderr.Trim());
        var sha = commit.Stdout.Trim();
        // Compare-and-swap: if `into` moved meanwhile, nothing is overwritten.
        var update = await GitRunner.RunAsync(repo, cancellationToken, "update-ref", "-m", message, "refs/heads/" + into, sha, old);
        return update.Ok
            ? new ApplyResult(true, "merge", into, sha, null, [], string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.Merged, branch, into))
            : new ApplyResult(false, "merge", into, null, null, [], update.Stderr.Trim());
    }

    /// <summary>
    /// Waits for the repository's turn; dispose the result to pass it on. Whatever else reads every worktree's HEAD (a
    /// fetch into a fleet node's mirror negotiates with them) takes it too.
    /// </summary>
    public static async Task<IDisposable> LockAsync(string repo, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(Path.GetFullPath(repo).TrimEnd('/'), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                gate.Release();
        }
    }

    private static int? Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
