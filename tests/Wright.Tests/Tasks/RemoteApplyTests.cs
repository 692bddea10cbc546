using Wright.Tasks.Git;
using Wright.Tests.Server;

namespace Wright.Tests.Tasks;

/// <summary>
/// Applying an attempt of a task on a remote, through a node's bare mirror: the merge is pushed to the remote's branch
/// only if that branch is still where the mirror saw it — someone else's push in between is never overwritten, and
/// nothing changes anywhere until the person applies again on a fresh fetch.
/// </summary>
public sealed class RemoteApplyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-remote-apply-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_merge_into_a_remote_branch_that_moved_meanwhile_changes_nothing_and_succeeds_once_fetched_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = Path.Combine(_dir, "source");
        GitRepo.Init(source);
        var remote = Path.Combine(_dir, "remote.git");
        GitRepo.Run(_dir, "clone", "-q", "--bare", source, remote);
        var url = "file://" + remote;
        var mirror = Path.Combine(_dir, "mirror");
        GitRepo.Run(_dir, "clone", "-q", "--bare", url, mirror);
        var baseCommit = await Worktrees.ResolveAsync(mirror, "main", ct);

        // The attempt, made in the mirror's worktree and pushed to the remote as its branch.
        var worktrees = new Worktrees(Path.Combine(_dir, "wt"));
        var path = await worktrees.EnsureAsync(mirror, "wright/t-1", worktrees.PathOf("t", 1), baseCommit, recorded: false, ct);
        await File.WriteAllTextAsync(Path.Combine(path, "result.txt"), "done\n", ct);
        await Worktrees.CommitAllAsync(mirror, path, "wright: work", ct);
        GitRepo.Run(mirror, "push", "-q", url, "wright/t-1:wright/t-1");
        var head = await RemoteBranches.FetchAsync(mirror, url, "wright/t-1", ct);
        Assert.Equal(RemoteBranches.RefOf("wright/t-1"), head);

        // Someone else pushes to main after the mirror fetched it.
        var other = Path.Combine(_dir, "other");
        GitRepo.Run(_dir, "clone", "-q", url, other);
        await File.WriteAllTextAsync(Path.Combine(other, "theirs.txt"), "theirs\n", ct);
        GitRepo.Run(other, "add", "-A");
        GitRepo.Run(other, "-c", "user.name=O", "-c", "user.email=o@o", "commit", "-q", "-m", "theirs");
        GitRepo.Run(other, "push", "-q", "origin", "main");
        var theirs = GitRepo.Run(remote, "rev-parse", "main").Trim();

        var refused = await Worktrees.ApplyAsync(mirror, baseCommit, "wright/t-1", new ApplyRequest("merge", null, null), "main", "Merge", ct, head, url);
        Assert.False(refused.Applied, refused.Message);
        Assert.Contains("moved", refused.Message, StringComparison.Ordinal);
        Assert.Equal(theirs, GitRepo.Run(remote, "rev-parse", "main").Trim());
        Assert.Equal(baseCommit, GitRepo.Run(mirror, "rev-parse", "main").Trim());

        // After a fetch (what every apply on a node starts with), the merge keeps their commit and adds the attempt's.
        GitRepo.Run(mirror, "fetch", "-q", url, "+refs/heads/main:refs/heads/main");
        var merged = await Worktrees.ApplyAsync(mirror, baseCommit, "wright/t-1", new ApplyRequest("merge", null, null), "main", "Merge", ct, head, url);
        Assert.True(merged.Applied, merged.Message);
        Assert.Equal(merged.Commit, GitRepo.Run(remote, "rev-parse", "main").Trim());
        Assert.Equal(theirs, GitRepo.Run(remote, "rev-parse", "main^1").Trim());
        Assert.Equal("done\n", GitRepo.Run(remote, "show", "main:result.txt"));
        Assert.Equal("theirs\n", GitRepo.Run(remote, "show", "main:theirs.txt"));

        // Removing the attempt takes its branch off the remote too.
        await RemoteBranches.DeleteAsync(mirror, url, "wright/t-1", ct);
        Assert.Empty(GitRepo.Run(remote, "branch", "--list", "wright/*").Trim());
    }
}
