using Wright.Tests.E2E;
using static Wright.Tests.Fleet.FleetFixtures;

namespace Wright.Tests.Fleet;

/// <summary>PostgreSQL restarted under running nodes: they wait for it and carry on, and the task in flight finishes.</summary>
public sealed class FleetDatabaseTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Nodes_wait_for_a_restarted_database_and_recover()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 2);
        try
        {
            var id = await nodes[0].CreateAsync("short sleep", fleet.Repo);
            await UntilAsync(() => OwnerAsync(nodes[0], id), "the attempt starts on a node");
            await postgres.StopAsync();
            await postgres.StartAsync();
            var done = await nodes[1].WaitStatusAsync(id, "succeeded", 180);
            Assert.Equal("Slept.", done.GetProperty("attempts")[0].GetProperty("result").GetString());
            Assert.All(nodes, n => Assert.False(n.HasExited, n.Name + " died: " + n.Stderr));
            // And the fleet takes new work.
            var next = await nodes[1].CreateAsync("quick work", fleet.Repo);
            Assert.Equal("Quick.", (await nodes[0].WaitStatusAsync(next, "succeeded", 120)).GetProperty("attempts")[0].GetProperty("result").GetString());
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }
}
