using System.Text.RegularExpressions;

namespace Wright.Sessions.Rewind;

public sealed partial class WorkspaceSnapshots
{
    private const string RestoreIndex = "wright-index";

    /// <summary>What restoring a snapshot would do: the changes, and the snapshot paths left alone.</summary>
    private sealed record Plan(IReadOnlyList<FileChange> Changes, IReadOnlyList<SkippedFile> InTheWay);

    /// <summary>
    /// What restoring <paramref name="snapshotId"/> would change in the workspace as it is now: paths it would recreate
    /// (<see cref="FileChangeKind.Added"/>), revert (<see cref="FileChangeKind.Modified"/>) or delete
    /// (<see cref="FileChangeKind.Deleted"/>), sorted by path. Ignored and too-large files are never listed: a restore
    /// leaves them alone, as it does snapshot paths blocked by something the safety snapshot would not hold (see
    /// <see cref="SkipReason.InTheWay"/>). Nothing in the workspace is changed.
    /// </summary>
    /// <exception cref="SnapshotException">No such snapshot, or git failed.</exception>
    public async Task<IReadOnlyList<FileChange>> DiffAsync(string snapshotId, CancellationToken cancellationToken)
    {
        using var gate = await OpenAsync(cancellationToken);
        var target = await ResolveAsync(snapshotId, cancellationToken);
        var capture = await CaptureAsync(cancellationToken);
        return (await PlanAsync(capture.Tree, target, cancellationToken)).Changes;
    }

    /// <summary>
    /// Makes the workspace equal to a snapshot for every path that is not ignored: files changed since are reverted,
    /// files created since are deleted (with directories left empty), files deleted since are recreated, modes and
    /// symlinks restored. First the current state is snapshotted (<see cref="RestoreResult.SafetySnapshot"/>), so the
    /// restore can itself be undone by restoring that. Ignored files, files over the size cap, the user's <c>.git</c>
    /// and anything in the way of a snapshot path that the safety snapshot does not hold are left as they are.
    /// </summary>
    /// <exception cref="SnapshotException">No such snapshot, or git failed (the message names the safety snapshot when
    /// one was taken).</exception>
    public async Task<RestoreResult> RestoreAsync(string snapshotId, CancellationToken cancellationToken)
    {
        using var gate = await OpenAsync(cancellationToken);
        var target = await ResolveAsync(snapshotId, cancellationToken);
        var capture = await CaptureAsync(cancellationToken);
        var safety = await CommitAsync(capture, null, 0, target, cancellationToken);
        try
        {
            var plan = await PlanAsync(capture.Tree, target, cancellationToken);
            var tree = plan.InTheWay.Count == 0 ? target : await TreeWithoutAsync(target, plan.InTheWay.Select(s => s.Path), cancellationToken);
            // One-way merge from the safety snapshot's index (fresh stat data, so only differing files are written):
            // like `git reset --hard` without a HEAD; git removes directories its deletions leave empty.
            await Git.RunAsync(["read-tree", "--reset", "-u", tree], cancellationToken);
            return new RestoreResult(target, safety, plan.Changes, [.. capture.Skipped, .. plan.InTheWay]);
        }
        catch (SnapshotException ex)
        {
            throw new SnapshotException($"Restoring snapshot {target} failed: {ex.Message} The workspace as it was before is snapshot {safety.Id}.", ex);
        }
    }

    /// <summary>Resolves a (possibly abbreviated) snapshot id of this workspace to its full commit id.</summary>
    private async Task<string> ResolveAsync(string snapshotId, CancellationToken cancellationToken)
    {
        var id = (snapshotId ?? "").Trim();
        if (!SnapshotIdShape().IsMatch(id))
            throw new SnapshotException($"'{snapshotId}' is not a snapshot id: expected the hexadecimal id shown in the list of snapshots.");
        var head = await HeadAsync(cancellationToken);
        var resolved = head is null ? null : await Git.RunAsync(["rev-parse", "--quiet", "--verify", id.ToLowerInvariant() + "^{commit}"], cancellationToken, allowFailure: true);
        if (resolved is not { ExitCode: 0 }
            || (await Git.RunAsync(["merge-base", "--is-ancestor", resolved.Text.Trim(), head!], cancellationToken, allowFailure: true)).ExitCode != 0)
        {
            throw new SnapshotException(head is null
                ? $"There is no snapshot '{id}': no snapshot of {Workspace} has been taken yet."
                : $"There is no snapshot '{id}' of {Workspace} (or the abbreviation is ambiguous); list the snapshots to see their ids.");
        }

        return resolved.Text.Trim();
    }

    private async Task<Plan> PlanAsync(string current, string target, CancellationToken cancellationToken)
    {
        var output = GitRunner.SplitZ((await Git.RunAsync(["diff-tree", "-r", "-z", "--no-renames", "--name-status", current, target], cancellationToken)).Output);
        var entries = new List<(char Status, string Path)>();
        for (var i = 0; i + 1 < output.Count; i += 2)
            entries.Add((output[i][0], output[i + 1]));
        var deleted = entries.Where(e => e.Status == 'D').Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var changes = new List<FileChange>();
        var inTheWay = new List<SkippedFile>();
        foreach (var (status, path) in entries)
        {
            if (status == 'A' && Blocker(path, deleted) is { } size)
            {
                inTheWay.Add(new SkippedFile(path, size, SkipReason.InTheWay));
                continue;
            }

            changes.Add(new FileChange(path, status switch
            {
                'A' => FileChangeKind.Added,
                'D' => FileChangeKind.Deleted,
                _ => FileChangeKind.Modified,
            }));
        }

        changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new Plan(changes, inTheWay);
    }

    /// <summary>
    /// Whether writing the snapshot's new path would destroy something the safety snapshot does not hold: an ignored
    /// or too-large file (or symlink) at the path or at one of its parent directories, or a directory at the path with
    /// such content. Returns the size of what is in the way, or null when the way is clear.
    /// </summary>
    private long? Blocker(string path, HashSet<string> deleted)
    {
        var parts = path.Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            var prefix = string.Join('/', parts.Take(i));
            var kind = WorkspacePath.Lstat(WorkspacePath.Join(Workspace, prefix), out var length);
            switch (kind)
            {
                case WorkspacePath.Kind.None:
                    return null;
                case WorkspacePath.Kind.Directory when i < parts.Length:
                    continue;
                case WorkspacePath.Kind.Directory:
                    return WorkspacePath.Walk(Workspace, prefix).All(deleted.Contains) ? null : 0;
                default:
                    return deleted.Contains(prefix) ? null : length;
            }
        }

        return null;
    }

    /// <summary>The snapshot's tree without some paths, built in a scratch index.</summary>
    private async Task<string> TreeWithoutAsync(string commit, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var index = Path.Combine(GitDirectory, RestoreIndex);
        try
        {
            await Git.RunAsync(["read-tree", commit], cancellationToken, indexFile: index);
            await Git.RunAsync(["update-index", "-z", "--force-remove", "--stdin"], cancellationToken, input: GitRunner.JoinZ(paths), indexFile: index);
            return (await Git.RunAsync(["write-tree"], cancellationToken, indexFile: index)).Text.Trim();
        }
        finally
        {
            File.Delete(index);
        }
    }

    [GeneratedRegex("^[0-9A-Fa-f]{4,64}$")]
    private static partial Regex SnapshotIdShape();
}
