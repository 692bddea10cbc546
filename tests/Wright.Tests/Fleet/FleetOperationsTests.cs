using System.Diagnostics;
using System.Text.Json;
using Wright.Tests.E2E;
using static Wright.Tests.Fleet.FleetFixtures;

namespace Wright.Tests.Fleet;

/// <summary>
/// A fleet of real nodes at work: tasks spread over the nodes by free capacity and each ends exactly once; a node is
/// drained (<c>wright fleet drain</c>) and leaves; every node is restarted in turn without losing a task.
/// </summary>
public sealed class FleetOperationsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thirty_tasks_spread_over_three_nodes_and_each_ends_exactly_once_with_its_result()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 3, maxParallel: 2);
        try
        {
            // Submitted through every node: any node takes tasks for the whole fleet.
            var ids = new List<string>();
            for (var i = 0; i < 30; i++)
                ids.Add(await nodes[i % 3].CreateAsync(i % 5 == 0 ? "short sleep" : "quick work", fleet.Repo));
            var ranOn = new List<string>();
            foreach (var id in ids)
            {
                var done = await nodes[(ids.IndexOf(id) + 1) % 3].WaitAsync(id, t => t.GetProperty("status").GetString() is "succeeded" or "failed", 240);
                Assert.Equal("succeeded", done.GetProperty("status").GetString());
                var attempt = Assert.Single(done.GetProperty("attempts").EnumerateArray());
                Assert.Contains(attempt.GetProperty("result").GetString(), new[] { "Quick.", "Slept." });
                Assert.Equal(0, attempt.GetProperty("resumes").GetInt32());
                ranOn.Add(RanOn(done));
                // Exactly once: one run, one final status in the task's stream.
                var events = await EventsAsync(nodes[2], id);
                Assert.Single(events, e => Is(e.Data, "run_finished"));
                Assert.Single(events, e => Is(e.Data, "attempt_status") && e.Data.GetProperty("status").GetString() == "succeeded");
            }

            Assert.True(ranOn.Distinct().Count() >= 2, "the work spread over the nodes: " + string.Join(",", ranOn));
            // Every attempt's branch was pushed back to the remote: any node shows its diff.
            var slept = ids[0];
            var diff = await nodes[1].GetJsonAsync($"/api/tasks/{slept}/attempts/1/diff");
            Assert.Contains(diff.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "slept.txt");
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_drained_node_finishes_its_attempt_takes_no_new_work_and_leaves()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 2);
        try
        {
            var id = await nodes[0].CreateAsync("short sleep", fleet.Repo);
            var ownerId = await UntilAsync(() => OwnerAsync(nodes[0], id), "the attempt starts on a node");
            var owner = nodes.Single(n => n.Id == ownerId);
            var other = nodes.Single(n => n != owner);

            // `wright fleet drain NODE` against the other node's API, by name.
            var (code, output) = await FleetCliAsync(fleet, other, "drain", owner.Name);
            Assert.True(code == 0, output);
            Assert.Contains(owner.Name, output);
            var (statusCode, table) = await FleetCliAsync(fleet, other, "status");
            Assert.True(statusCode == 0, table);
            Assert.Contains("draining", table);
            await UntilAsync(() => Task.FromResult(owner.Stderr.Contains("is draining", StringComparison.Ordinal) ? "seen" : null), "the node sees the drain");

            // Work queued now goes to the other node only.
            var later = new List<string>();
            for (var i = 0; i < 3; i++)
                later.Add(await other.CreateAsync("quick work", fleet.Repo));
            Assert.Equal(0, await owner.WaitExitAsync(90));
            var done = await other.WaitStatusAsync(id, "succeeded");
            Assert.Equal(owner.Name, RanOn(done));
            Assert.Equal(0, done.GetProperty("attempts")[0].GetProperty("resumes").GetInt32());
            foreach (var task in later)
                Assert.Equal(other.Name, RanOn(await other.WaitStatusAsync(task, "succeeded")));
            var fleetStatus = await StatusAsync(other);
            Assert.DoesNotContain(fleetStatus.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == owner.Id && n.GetProperty("status").GetString() == "active");
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_rolling_restart_of_every_node_loses_no_task()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 3);
        try
        {
            var ids = new List<string>();
            foreach (var node in nodes)
            {
                // Work in flight on every node while it restarts: SIGTERM drains (its attempts finish), then it leaves.
                var live = nodes.First(n => n != node);
                for (var i = 0; i < 3; i++)
                    ids.Add(await live.CreateAsync(i == 0 ? "short sleep" : "quick work", fleet.Repo));
                node.Signal(NodeProcess.SigTerm);
                Assert.Equal(0, await node.WaitExitAsync(90));
                await node.RestartAsync(fleet);
            }

            foreach (var id in ids)
            {
                var done = await nodes[0].WaitAsync(id, t => t.GetProperty("status").GetString() is "succeeded" or "failed", 180);
                Assert.Equal("succeeded", done.GetProperty("status").GetString());
                var events = await EventsAsync(nodes[1], id);
                Assert.Single(events, e => Is(e.Data, "attempt_status") && e.Data.GetProperty("status").GetString() == "succeeded");
            }
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    /// <summary>Runs <c>wright-node fleet …</c> (what <c>wright fleet …</c> runs) against a node.</summary>
    private static async Task<(int Code, string Output)> FleetCliAsync(FleetSetup fleet, NodeProcess node, params string[] args)
    {
        var psi = new ProcessStartInfo(NodeProcess.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "fleet", "--url", node.Http.BaseAddress!.ToString() }.Concat(args))
            psi.ArgumentList.Add(a);
        psi.Environment["WRIGHT_SERVER_TOKEN"] = fleet.Token;
        psi.Environment["WRIGHT_HOME"] = Path.Combine(fleet.Root, "cli-home");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
