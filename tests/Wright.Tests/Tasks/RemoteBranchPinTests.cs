using Wright.Tasks;
using Wright.Tasks.Git;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;
using Wright.Tests.Server;

namespace Wright.Tests.Tasks;

/// <summary>
/// A fleet task's remote is shared: anyone who may push to it can put other commits under a finished attempt's branch
/// name (<c>wright/&lt;task&gt;-&lt;n&gt;</c>) after the attempt pushed it — between the diff the person reviews and the
/// apply that merges it into a branch they themselves could not push to. A branch that is not the commit its node
/// pushed last (kept in the store) is neither shown nor applied, and the target branch stays where it was.
/// </summary>
public sealed class RemoteBranchPinTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-branch-pin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_attempt_branch_replaced_on_the_remote_after_the_attempt_is_neither_shown_nor_merged()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = Path.Combine(_dir, "source");
        GitRepo.Init(source);
        var remote = Path.Combine(_dir, "remote.git");
        GitRepo.Run(_dir, "clone", "-q", "--bare", source, remote);
        var url = "file://" + remote;
        var mirror = Path.Combine(_dir, "mirror");
        GitRepo.Run(_dir, "clone", "-q", "--bare", url, mirror);
        var baseCommit = GitRepo.Run(mirror, "rev-parse", "main").Trim();

        using var store = SqliteTaskStore.Open(Path.Combine(_dir, "wright.db"));
        var task = store.Create(new TaskSpec("do it", url, "main", null, "auto", 1, null, 0));
        var branch = task.Attempts[0].Branch;

        // The attempt's work, pushed by its node; the store keeps that commit.
        var work = Path.Combine(_dir, "work");
        GitRepo.Run(_dir, "clone", "-q", url, work);
        GitRepo.Run(work, "checkout", "-q", "-b", branch);
        await File.WriteAllTextAsync(Path.Combine(work, "result.txt"), "reviewed\n", ct);
        GitRepo.Run(work, "add", "-A");
        GitRepo.Run(work, "commit", "-q", "-m", "attempt");
        GitRepo.Run(work, "push", "-q", "origin", branch);
        var pushed = GitRepo.Run(work, "rev-parse", "HEAD").Trim();
        store.SaveAttempt(task.Id, task.Attempts[0] with { Status = TaskState.Succeeded, BaseCommit = baseCommit });

        await using var scheduler = new InProcessScheduler(store, new SchedulerOptions
        {
            WorktreeRoot = Path.Combine(_dir, "wt"),
            LocalRepository = (_, _) => Task.FromResult(mirror),
            PublishedHead = (id, n) => id == task.Id && n == 1 ? pushed : null,
        });
        var reviewed = await scheduler.DiffAsync(task.Id, 1, ct);
        Assert.Contains("reviewed", reviewed.Diff, StringComparison.Ordinal);

        // Someone with push access to the remote replaces the attempt's branch.
        GitRepo.Run(work, "checkout", "-q", "--detach", baseCommit);
        await File.WriteAllTextAsync(Path.Combine(work, "evil.txt"), "never reviewed\n", ct);
        GitRepo.Run(work, "add", "-A");
        GitRepo.Run(work, "commit", "-q", "-m", "evil");
        GitRepo.Run(work, "push", "-q", "--force", "origin", "HEAD:refs/heads/" + branch);

        var diff = await Assert.ThrowsAsync<TaskException>(() => scheduler.DiffAsync(task.Id, 1, ct));
        Assert.Equal(TaskErrorKind.Conflict, diff.Kind);
        Assert.Contains(pushed, diff.Message, StringComparison.Ordinal);
        var apply = await Assert.ThrowsAsync<TaskException>(() => scheduler.ApplyAsync(task.Id, 1, new ApplyRequest("merge", null, null), ct));
        Assert.Equal(TaskErrorKind.Conflict, apply.Kind);
        Assert.Equal(baseCommit, GitRepo.Run(remote, "rev-parse", "main").Trim());
        Assert.Equal(baseCommit, GitRepo.Run(mirror, "rev-parse", "main").Trim());

        // Put back as the attempt pushed it, the branch is applied as reviewed.
        GitRepo.Run(work, "push", "-q", "--force", "origin", pushed + ":refs/heads/" + branch);
        var merged = await scheduler.ApplyAsync(task.Id, 1, new ApplyRequest("merge", null, null), ct);
        Assert.True(merged.Applied, merged.Message);
        Assert.Equal("reviewed\n", GitRepo.Run(remote, "show", "main:result.txt"));
    }
}
