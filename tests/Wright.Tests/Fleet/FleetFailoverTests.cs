using System.Diagnostics;
using System.Text.Json;
using Wright.Tests.E2E;
using Wright.Tests.Server;
using static Wright.Tests.Fleet.FleetFixtures;

namespace Wright.Tests.Fleet;

/// <summary>
/// A fleet of three real nodes (dist/wright-node) on a private PostgreSQL, aimock as the model: a node that crashes
/// (kill -9) or hangs (SIGSTOP) loses no task, its attempts resume on another node from their last journaled step, no
/// journaled tool call runs twice, and event streams continue on any node with Last-Event-ID.
/// </summary>
public sealed class FleetFailoverTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_node_s_attempt_resumes_on_another_node_after_its_last_journaled_step_and_its_stream_continues_there()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 3);
        try
        {
            var id = await nodes[0].CreateAsync("crash test", fleet.Repo);
            var ownerId = await UntilAsync(() => OwnerAsync(nodes[1], id), "the attempt starts on a node");
            var owner = nodes.Single(n => n.Id == ownerId);

            // A client follows the task on the node that runs it, up to the second call (the first one's effect is journaled).
            var before = await EventsAsync(owner, id, follow: true, stopAfter: e => Is(e, "tool_call_requested", "call_sleep"));
            Assert.Contains(before, e => Is(e.Data, "tool_call_finished", "call_effect"));
            var killed = Stopwatch.StartNew();
            await owner.KillAsync();

            // It reconnects to another node with the last id it saw, and reads to the end.
            var other = nodes.First(n => n != owner);
            var after = await EventsAsync(other, id, after: before[^1].Id, follow: true);
            var done = await other.WaitStatusAsync(id, "succeeded", 120);
            var failover = killed.Elapsed;
            var attempt = done.GetProperty("attempts")[0];
            Assert.Equal("Resumed and finished.", attempt.GetProperty("result").GetString());
            Assert.Equal(1, attempt.GetProperty("resumes").GetInt32());
            Assert.NotEqual(owner.Name, RanOn(done));

            // Nothing missed, nothing twice: the two halves are exactly what the store holds.
            var all = await EventsAsync(nodes.First(n => n != owner && n != other), id);
            Assert.Equal(all.Select(e => e.Id), before.Concat(after).Select(e => e.Id));
            // The journaled call was not run again: one request for it in the whole stream, one line in the file.
            Assert.Single(all, e => Is(e.Data, "tool_call_requested", "call_effect"));
            Assert.Equal("ran\n", GitRepo.Run(fleet.Repo, "show", $"wright/{id}-1:effects.txt"));
            Assert.True(failover < TimeSpan.FromSeconds(60), $"failover took {failover}");
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_hung_node_is_declared_dead_its_work_moves_and_when_it_wakes_it_continues_nothing()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 3);
        try
        {
            var id = await nodes[0].CreateAsync("crash test", fleet.Repo);
            var ownerId = await UntilAsync(() => OwnerAsync(nodes[1], id), "the attempt starts on a node");
            var owner = nodes.Single(n => n.Id == ownerId);
            var other = nodes.First(n => n != owner);
            await EventsAsync(owner, id, follow: true, stopAfter: e => Is(e, "tool_call_requested", "call_sleep"));

            owner.Signal(NodeProcess.SigStop);
            var stopped = Stopwatch.StartNew();
            var moved = await UntilAsync(async () => await OwnerAsync(other, id) is { } o && o != ownerId ? o : null, "the attempt moves to a live node", 90);
            Assert.NotEqual(ownerId, moved);
            var status = await StatusAsync(other);
            Assert.Contains(status.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == ownerId && n.GetProperty("status").GetString() == "dead");
            var detected = stopped.Elapsed;
            var done = await other.WaitStatusAsync(id, "succeeded", 120);
            var events = await EventsAsync(other, id);

            // It wakes: Orleans tells it that it was declared dead and it ends; nothing of the moved attempt is written by it.
            owner.Signal(NodeProcess.SigCont);
            await owner.WaitExitAsync(60);
            var later = await other.GetJsonAsync("/api/tasks/" + id);
            Assert.Equal("succeeded", later.GetProperty("status").GetString());
            Assert.Equal(done.GetProperty("attempts")[0].GetProperty("result").GetString(), later.GetProperty("attempts")[0].GetProperty("result").GetString());
            Assert.Equal(events.Select(e => e.Id), (await EventsAsync(other, id)).Select(e => e.Id));
            Assert.Single(events, e => Is(e.Data, "tool_call_requested", "call_effect"));
            Assert.Equal("ran\n", GitRepo.Run(fleet.Repo, "show", $"wright/{id}-1:effects.txt"));
            Assert.True(detected < TimeSpan.FromSeconds(60), $"detection took {detected}");
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }
}
