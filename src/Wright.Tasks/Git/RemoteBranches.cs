using System.Globalization;

namespace Wright.Tasks.Git;

/// <summary>
/// The attempts' branches of a task whose repository is a remote (a fleet's git URL): the remote holds them — the node
/// that runs an attempt pushes its branch there — and any node reads them into its own mirror before it shows a diff,
/// applies or removes one. The remote's copy lands in <see cref="RefOf"/>, apart from the branches the node's own
/// worktrees have checked out (a fetch must never move those).
/// </summary>
public static class RemoteBranches
{
    /// <summary>Where a mirror keeps the remote's copy of an attempt's branch.</summary>
    public static string RefOf(string branch) => "refs/wright/remote/" + branch;

    /// <summary>
    /// Fetches the attempt's branch from <paramref name="remote"/> into <see cref="RefOf"/> of <paramref name="mirror"/>
    /// and returns that ref; when the remote has no such branch (the attempt ended before it pushed one), this node's
    /// own branch of that name if it has one.
    /// </summary>
    /// <param name="expected">
    /// The commit the attempt's node pushed as the branch (recorded where the remote cannot change it), or null when
    /// none is known: the remote is shared, so anyone who may push to it could put other commits under the attempt's
    /// branch name between the attempt and the diff the person reviews, or between that diff and the apply.
    /// </param>
    /// <exception cref="TaskException">
    /// Neither the remote nor this node has the branch, or the branch is not <paramref name="expected"/> (Conflict).
    /// </exception>
    public static async Task<string> FetchAsync(string mirror, string remote, string branch, CancellationToken cancellationToken, string? expected = null)
    {
        var found = await FetchAnyAsync(mirror, remote, branch, cancellationToken);
        if (expected is null)
            return found;
        var commit = await GitRunner.RunAsync(mirror, cancellationToken, "rev-parse", "--verify", "--quiet", "--end-of-options", found + "^{commit}");
        var actual = commit.Ok ? commit.Stdout.Trim() : "?";
        return string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)
            ? found
            : throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.BranchChanged, branch, RemoteUrl.Redact(remote), expected, actual));
    }

    private static async Task<string> FetchAnyAsync(string mirror, string remote, string branch, CancellationToken cancellationToken)
    {
        GitResult fetch;
        using (await Worktrees.LockAsync(mirror, cancellationToken))
        {
            fetch = await GitRunner.RunAsync(mirror, cancellationToken, "fetch", "--quiet", "--no-tags", "--upload-pack=git-upload-pack", "--end-of-options", remote,
                $"+refs/heads/{branch}:{RefOf(branch)}");
        }

        if (fetch.Ok)
            return RefOf(branch);
        var own = await GitRunner.RunAsync(mirror, cancellationToken, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch);
        return own.Ok
            ? "refs/heads/" + branch
            : throw new TaskException(TaskErrorKind.Conflict, string.Format(CultureInfo.InvariantCulture, Text.TaskStrings.RemoteUnreachable, branch, RemoteUrl.Redact(remote), fetch.Stderr.Trim()));
    }

    /// <summary>Deletes the attempt's branch on <paramref name="remote"/> and the mirror's copy of it (what is gone stays gone; errors are ignored).</summary>
    public static async Task DeleteAsync(string mirror, string remote, string branch, CancellationToken cancellationToken)
    {
        using var _ = await Worktrees.LockAsync(mirror, cancellationToken);
        await GitRunner.RunAsync(mirror, cancellationToken, "update-ref", "-d", RefOf(branch));
        await GitRunner.RunAsync(mirror, cancellationToken, "push", "--quiet", "--receive-pack=git-receive-pack", "--end-of-options", remote, ":refs/heads/" + branch);
    }
}
