using Wright.Tasks.Git;
using Wright.Tests.Server;

namespace Wright.Tests.Tasks;

/// <summary>Attempts' worktrees: a directory left half-made by a killed process is never taken for a worktree.</summary>
public sealed class WorktreesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-worktrees-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_unrecorded_worktree_directory_is_made_again_from_the_base_and_a_recorded_one_is_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = Path.Combine(_dir, "repo");
        GitRepo.Init(repo);
        File.WriteAllText(Path.Combine(repo, "second.txt"), "2\n");
        GitRepo.Run(repo, "add", "-A");
        GitRepo.Run(repo, "commit", "-q", "-m", "second");
        var worktrees = new Worktrees(Path.Combine(_dir, "wt"));
        var path = worktrees.PathOf("t1", 1);
        var head = await Worktrees.ResolveAsync(repo, "main", ct);

        // What `git worktree add` leaves when killed midway: the .git file and part of the checkout.
        await worktrees.EnsureAsync(repo, "wright/t1-1", path, head, recorded: false, ct);
        File.Delete(Path.Combine(path, "second.txt"));
        Assert.True(File.Exists(Path.Combine(path, ".git")));

        await worktrees.EnsureAsync(repo, "wright/t1-1", path, head, recorded: false, ct);
        Assert.Equal("2\n", File.ReadAllText(Path.Combine(path, "second.txt")));
        Assert.Empty(GitRepo.Run(path, "status", "--porcelain"));

        // Once the store recorded it, the attempt's own work in it is kept.
        File.WriteAllText(Path.Combine(path, "work.txt"), "mine\n");
        await worktrees.EnsureAsync(repo, "wright/t1-1", path, head, recorded: true, ct);
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(path, "work.txt")));
    }

    [Fact]
    public async Task Many_attempts_make_remove_and_commit_in_their_worktrees_of_one_repository_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = Path.Combine(_dir, "repo");
        GitRepo.Init(repo);
        var worktrees = new Worktrees(Path.Combine(_dir, "wt"));
        var head = await Worktrees.ResolveAsync(repo, "main", ct);
        // git reads every worktree's metadata while it adds one: a concurrent, half-made one used to fail it
        // ("failed to read .git/worktrees/…/commondir").
        await Task.WhenAll(Enumerable.Range(1, 12).Select(n => Task.Run(async () =>
        {
            var path = await worktrees.EnsureAsync(repo, $"wright/t-{n}", worktrees.PathOf("t", n), head, recorded: false, ct);
            await File.WriteAllTextAsync(Path.Combine(path, $"f{n}.txt"), "x\n", ct);
            await Worktrees.CommitAllAsync(repo, path, "work " + n, ct);
            if (n % 3 == 0)
                await Worktrees.RemoveAsync(repo, path, $"wright/t-{n}", ct);
        }, ct)));
        var branches = GitRepo.Run(repo, "branch", "--list", "wright/*").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, branches.Length);
        Assert.Equal("work 1", GitRepo.Run(repo, "log", "-1", "--format=%s", "wright/t-1").Trim());
    }
}
