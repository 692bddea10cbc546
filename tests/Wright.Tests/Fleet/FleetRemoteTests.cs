using System.Text.Json;
using Wright.Tests.E2E;
using Wright.Tests.Server;
using static Wright.Tests.Fleet.FleetFixtures;

namespace Wright.Tests.Fleet;

/// <summary>
/// Tasks on a git remote (a URL, not a path every node reaches): the task keeps the URL, whichever node claims an
/// attempt mirrors the remote and pushes the attempt's branch back to it, any node shows its diff, applies it (a merge
/// pushed to the remote's branch, or a patch) and removes it — over <c>file://</c> and over a real network transport
/// (<c>git daemon</c> on loopback) — and a URL that would run a program or carry a secret is refused, running nothing.
/// </summary>
public sealed class FleetRemoteTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_url_task_submitted_on_a_full_node_runs_on_another_and_any_node_shows_applies_and_removes_its_pushed_branch()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var remote = BareRemote(fleet);
        var url = "file://" + remote;
        // Node A has room for one attempt, and a long one fills it: the URL task submitted there must run elsewhere.
        var nodes = await StartAsync(fleet, mock, 1, maxParallel: 1);
        var a = nodes[0];
        try
        {
            var blocker = await a.CreateAsync("crash test", fleet.Repo);
            await UntilAsync(() => OwnerAsync(a, blocker), "node A runs the blocker");
            nodes.Add(await NodeProcess.StartAsync(fleet, "n2"));
            nodes.Add(await NodeProcess.StartAsync(fleet, "n3"));

            var id = await a.CreateAsync("short sleep", url);
            var done = await a.WaitStatusAsync(id, "succeeded", 120);
            Assert.Equal(url, done.GetProperty("repo").GetString());
            Assert.Equal("main", done.GetProperty("base").GetString());
            var runner = nodes.Single(n => n.Name == RanOn(done));
            Assert.NotEqual(a, runner);
            // The attempt's result is on the remote, as its branch.
            Assert.Equal("slept\n", GitRepo.Run(remote, "show", $"wright/{id}-1:slept.txt"));

            // The node that neither took the task nor ran it shows the diff and exports the patch, from its own mirror.
            var third = nodes.Single(n => n != a && n != runner);
            var diff = await third.GetJsonAsync($"/api/tasks/{id}/attempts/1/diff");
            Assert.Contains(diff.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "slept.txt");
            var (patchStatus, patch) = await third.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply", """{"method":"patch"}""");
            Assert.True(patchStatus == 200, patch.ToString());
            Assert.Contains("+slept", patch.GetProperty("patch").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("slept.txt", GitRepo.Run(remote, "ls-tree", "--name-only", "main"), StringComparison.Ordinal);

            // A retry starts the attempt afresh on whichever node has room: a new branch on the remote, never the old one
            // a node's mirror still holds.
            var first = GitRepo.Run(remote, "rev-parse", $"wright/{id}-1").Trim();
            var (retried, retry) = await third.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/retry", """{"attempt":1}""");
            Assert.True(retried == 200, retry.ToString());
            var again = await a.WaitAsync(id, t => t.GetProperty("status").GetString() == "succeeded" && t.GetProperty("attempts")[0].GetProperty("resumes").GetInt32() == 0
                && t.GetProperty("attempts")[0].TryGetProperty("result", out var r) && r.GetString() == "Slept.", 120);
            Assert.Equal("succeeded", again.GetProperty("status").GetString());
            Assert.NotEqual(first, GitRepo.Run(remote, "rev-parse", $"wright/{id}-1").Trim());
            Assert.Equal(GitRepo.Run(remote, "rev-parse", "main").Trim(), GitRepo.Run(remote, "rev-parse", $"wright/{id}-1^").Trim());

            // Node A merges it: into the remote's main (the task's base), pushed there; the old main is the merge's first parent.
            var before = GitRepo.Run(remote, "rev-parse", "main").Trim();
            var (mergeStatus, merged) = await a.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply", """{"method":"merge"}""");
            Assert.True(mergeStatus == 200, merged.ToString());
            Assert.Equal("slept\n", GitRepo.Run(remote, "show", "main:slept.txt"));
            Assert.Equal(before, GitRepo.Run(remote, "rev-parse", "main^1").Trim());
            Assert.Equal(GitRepo.Run(remote, "rev-parse", "main").Trim(), merged.GetProperty("commit").GetString());

            // A push to another remote is refused (the attempt's code goes back where it came from, or out as a patch).
            var (otherStatus, other) = await runner.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/apply",
                """{"method":"push","remote":"https://example.com/elsewhere.git","into":"x"}""");
            Assert.True(otherStatus == 400, other.ToString());
            Assert.Contains("pushed to that remote only", other.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // Removing the task on the third node removes its branch from the remote.
            var (deleted, _) = await third.SendAsync(HttpMethod.Delete, "/api/tasks/" + id);
            Assert.Equal(204, deleted);
            Assert.Empty(GitRepo.Run(remote, "branch", "--list", "wright/*").Trim());
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_node_s_url_attempt_resumes_on_another_node_from_the_branch_it_pushed_over_the_network()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var remote = BareRemote(fleet);
        await using var daemon = await GitDaemon.StartAsync(fleet.Workspace);
        var url = daemon.Url(Path.GetFileName(remote));
        var nodes = await StartAsync(fleet, mock, 3);
        try
        {
            var id = await nodes[0].CreateAsync("crash test", url);
            var ownerId = await UntilAsync(() => OwnerAsync(nodes[1], id), "the attempt starts on a node");
            var owner = nodes.Single(n => n.Id == ownerId);
            await EventsAsync(owner, id, follow: true, stopAfter: e => Is(e, "tool_call_requested", "call_sleep"));
            // The first call's effect was checkpointed to the remote before the session went on.
            Assert.Equal("ran\n", GitRepo.Run(remote, "show", $"wright/{id}-1:effects.txt"));
            await owner.KillAsync();

            var other = nodes.First(n => n != owner);
            var done = await other.WaitStatusAsync(id, "succeeded", 120);
            var attempt = done.GetProperty("attempts")[0];
            Assert.Equal("Resumed and finished.", attempt.GetProperty("result").GetString());
            Assert.Equal(1, attempt.GetProperty("resumes").GetInt32());
            Assert.NotEqual(owner.Name, RanOn(done));
            Assert.Equal(url, done.GetProperty("repo").GetString());
            var events = await EventsAsync(other, id);
            Assert.Single(events, e => Is(e.Data, "tool_call_requested", "call_effect"));
            // The branch the new node pushed still holds the effect once, and every live node shows it.
            Assert.Equal("ran\n", GitRepo.Run(remote, "show", $"wright/{id}-1:effects.txt"));
            foreach (var node in nodes.Where(n => n != owner))
            {
                var diff = await node.GetJsonAsync($"/api/tasks/{id}/attempts/1/diff");
                Assert.Contains(diff.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "effects.txt");
            }
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_url_that_would_run_a_program_or_carry_a_secret_is_refused_with_the_reason_and_runs_nothing()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 1);
        var node = nodes[0];
        try
        {
            var pwned = Path.Combine(fleet.Root, "pwned");
            var outside = Directory.CreateTempSubdirectory("wright-outside-").FullName;
            GitRepo.Init(outside);
            try
            {
                (string Repo, string Reason)[] hostile =
                [
                    ($"ext::sh -c touch% {pwned}", "'ext::' transport runs a program"),
                    ("fd::0", "'fd::' transport runs a program"),
                    ($"--upload-pack=touch {pwned}", "starts with '-'"),
                    ($"-oProxyCommand=touch {pwned}", "starts with '-'"),
                    ($"ssh://-oProxyCommand=touch%20{pwned}/r.git", "a host that starts with '-'"),
                    ("https://wright:s3cret-token@example.com/r.git", "carries credentials"),
                    ("file://" + outside, "is not allowed"),
                ];
                foreach (var (repo, reason) in hostile)
                {
                    var body = $$"""{"prompt":"quick work","repo":{{JsonSerializer.Serialize(repo, Wright.Tests.Support.TestJson.Default.String)}},"model":"deepseek/deepseek-chat"}""";
                    var (status, problem) = await node.SendAsync(HttpMethod.Post, "/api/tasks", body);
                    Assert.True(status == 400, $"{repo}: {status} {problem}");
                    var detail = problem.GetProperty("detail").GetString()!;
                    Assert.Contains(reason, detail, StringComparison.Ordinal);
                    Assert.DoesNotContain("s3cret-token", detail, StringComparison.Ordinal);
                }

                Assert.False(File.Exists(pwned));
                Assert.Empty((await node.GetJsonAsync("/api/tasks")).EnumerateArray());
                Assert.DoesNotContain("s3cret-token", node.Stderr, StringComparison.Ordinal);
                Assert.False(Directory.Exists(Path.Combine(node.Home, "mirrors")) && Directory.EnumerateDirectories(Path.Combine(node.Home, "mirrors")).Any(),
                    "a refused URL was never mirrored");
            }
            finally
            {
                Directory.Delete(outside, recursive: true);
            }
        }
        finally
        {
            foreach (var n in nodes)
                await n.DisposeAsync();
        }
    }

    /// <summary>A bare clone of the fleet's repository inside its workspace (the nodes' repo root): the remote.</summary>
    private static string BareRemote(FleetSetup fleet)
    {
        var remote = Path.Combine(fleet.Workspace, "remote.git");
        GitRepo.Run(fleet.Workspace, "clone", "-q", "--bare", fleet.Repo, remote);
        return remote;
    }
}
