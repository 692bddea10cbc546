using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wright.Tests.E2E;
using Wright.Tests.Server;
using Wright.Tests.Support;
using static Wright.Tests.Fleet.FleetFixtures;

namespace Wright.Tests.Fleet;

/// <summary>
/// Approval requests in a fleet of three real nodes: an attempt running on one node asks, a person answers on another
/// node's API (authenticated, validated, durable, the first answer wins), the attempt goes on, and the request and its
/// answer are in the event stream read from the third node. A question of a node that dies is asked again by the node
/// that takes the attempt over, never left hanging.
/// </summary>
public sealed class FleetApprovalTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approval_asked_on_one_node_is_answered_on_another_once_and_seen_on_the_third()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 3);
        try
        {
            var id = await CreateAskingAsync(nodes[0], "approval race", fleet.Repo);
            var (owner, a, c) = await RolesAsync(nodes, id);

            // Node A (not the owner) lists the request and shows the task as waiting for a person; so does every node.
            var waiting = await a.WaitStatusAsync(id, "waiting_approval");
            var request = Assert.Single(waiting.GetProperty("approvals").EnumerateArray());
            Assert.Equal("write_file", request.GetProperty("tool").GetString());
            Assert.False(request.TryGetProperty("session_id", out var subagent), subagent.ToString());
            var call = request.GetProperty("call_id").GetString()!;
            Assert.Equal(call, Assert.Single((await c.GetJsonAsync("/api/approvals")).EnumerateArray()).GetProperty("call_id").GetString());
            Assert.Contains(await EventsAsync(c, id), e => Is(e.Data, "approval_requested") && e.Data.GetProperty("request").GetProperty("call_id").GetString() == call);

            // Authenticated like every call; validated against the task and attempt it names.
            var path = $"/api/tasks/{id}/attempts/1/approvals/{Uri.EscapeDataString(call)}";
            using (var anonymous = new HttpClient { BaseAddress = a.Http.BaseAddress })
            using (var response = await anonymous.PostAsync(path, new StringContent("""{"decision":"yes"}""", Encoding.UTF8, "application/json"), Ct))
                Assert.Equal(401, (int)response.StatusCode);
            Assert.Equal(404, (await a.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/approvals/not-a-call", """{"decision":"yes"}""")).Status);
            Assert.Equal(404, (await a.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/2/approvals/{Uri.EscapeDataString(call)}", """{"decision":"yes"}""")).Status);
            var other = await CreateAskingAsync(a, "approval denied", fleet.Repo);
            Assert.Equal(404, (await a.SendAsync(HttpMethod.Post, $"/api/tasks/{other}/attempts/1/approvals/{Uri.EscapeDataString(call)}", """{"decision":"yes"}""")).Status);
            Assert.Equal(400, (await a.SendAsync(HttpMethod.Post, path, """{"decision":"maybe"}""")).Status);

            // Two people answer at once on two nodes: one answer wins, the other is told so.
            var answered = Stopwatch.StartNew();
            var results = await Task.WhenAll(
                a.SendAsync(HttpMethod.Post, path, """{"decision":"yes"}"""),
                c.SendAsync(HttpMethod.Post, path, """{"decision":"no","feedback":"not this time"}"""));
            Assert.Equal([200, 409], results.Select(r => r.Status).Order());
            var yesWon = results[0].Status == 200;
            Assert.Contains("already answered", results.Single(r => r.Status == 409).Body.GetProperty("detail").GetString());

            // The owner applies the winner promptly; the answer is in the stream read on the third node.
            var resolved = await EventsAsync(c, id, follow: true, stopAfter: e => Is(e, "approval_resolved", call));
            var latency = answered.Elapsed;
            Assert.Equal(yesWon, resolved[^1].Data.GetProperty("allowed").GetBoolean());
            var done = await c.WaitStatusAsync(id, "succeeded");
            Assert.Equal(owner.Name, RanOn(done));
            Assert.Equal(yesWon ? "approved\n" : "", ShowOrEmpty(fleet.Repo, $"wright/{id}-1", "approved.txt"));
            Assert.True(latency < TimeSpan.FromSeconds(10), $"the answer took {latency} to reach the owner");

            // A late answer, on any node, is a conflict: the first one counted.
            var (late, lateBody) = await owner.SendAsync(HttpMethod.Post, path, """{"decision":"no"}""");
            Assert.True(late == 409, lateBody.ToString());

            // "No" with what to do instead, answered on a node that does not run the attempt: the model reads the words.
            var (deniedOwner, deniedA, deniedC) = await RolesAsync(nodes, other);
            var denied = Assert.Single((await deniedA.WaitStatusAsync(other, "waiting_approval")).GetProperty("approvals").EnumerateArray());
            var (no, noBody) = await deniedA.SendAsync(HttpMethod.Post, $"/api/tasks/{other}/attempts/1/approvals/{Uri.EscapeDataString(denied.GetProperty("call_id").GetString()!)}",
                """{"decision":"no","feedback":"keep it out of the repository"}""");
            Assert.True(no == 200, noBody.ToString());
            var after = await deniedC.WaitStatusAsync(other, "succeeded");
            Assert.Equal(deniedOwner.Name, RanOn(after));
            Assert.Equal("", ShowOrEmpty(fleet.Repo, $"wright/{other}-1", "denied.txt"));
            Assert.Contains(await EventsAsync(deniedC, other), e => Is(e.Data, "approval_resolved") && !e.Data.GetProperty("allowed").GetBoolean());
            var journal = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetRawText()).ToList();
            Assert.Contains(journal, j => j.Contains("the user declined: keep it out of the repository", StringComparison.Ordinal));
            TestContext.Current.SendDiagnosticMessage($"approval answered on another node reached the owner in {latency.TotalMilliseconds:0} ms");
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_question_of_a_node_that_dies_is_asked_again_by_the_node_that_takes_the_attempt_over()
    {
        await using var mock = await AimockServer.StartAsync(FleetFixtures.Model);
        using var fleet = new FleetSetup(await postgres.CreateDatabaseAsync());
        var nodes = await StartAsync(fleet, mock, 3);
        try
        {
            var id = await CreateAskingAsync(nodes[0], "approval moved", fleet.Repo);
            var (owner, a, _) = await RolesAsync(nodes, id);
            var first = Assert.Single((await a.WaitStatusAsync(id, "waiting_approval")).GetProperty("approvals").EnumerateArray()).GetProperty("call_id").GetString()!;
            await owner.KillAsync();

            // The fleet declares the node dead and moves the attempt: its question is not left waiting; the new run asks again.
            var again = await UntilAsync(async () =>
            {
                var task = await a.GetJsonAsync("/api/tasks/" + id);
                return task.GetProperty("approvals").EnumerateArray().Select(p => p.GetProperty("call_id").GetString()).FirstOrDefault(c => c != first);
            }, "the attempt asks again on another node", 120);
            var newOwner = await OwnerAsync(a, id);
            Assert.NotNull(newOwner);
            Assert.NotEqual(owner.Id, newOwner);
            var (old, oldBody) = await a.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/approvals/{Uri.EscapeDataString(first)}", """{"decision":"yes"}""");
            Assert.True(old == 409, oldBody.ToString());
            Assert.Contains("no longer waits", oldBody.GetProperty("detail").GetString());

            var (status, body) = await a.SendAsync(HttpMethod.Post, $"/api/tasks/{id}/attempts/1/approvals/{Uri.EscapeDataString(again)}", """{"decision":"yes"}""");
            Assert.True(status == 200, body.ToString());
            var done = await a.WaitStatusAsync(id, "succeeded", 120);
            Assert.NotEqual(owner.Name, RanOn(done));
            Assert.Equal("moved\n", GitRepo.Run(fleet.Repo, "show", $"wright/{id}-1:moved.txt"));
            var events = await EventsAsync(a, id);
            Assert.Equal(2, events.Count(e => Is(e.Data, "approval_requested")));
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    /// <summary>Creates a task in <c>ask</c> mode (every write asks) on <paramref name="node"/>.</summary>
    private static async Task<string> CreateAskingAsync(NodeProcess node, string prompt, string repo)
    {
        var body = $$"""{"prompt":{{JsonSerializer.Serialize(prompt, TestJson.Default.String)}},"repo":{{JsonSerializer.Serialize(repo, TestJson.Default.String)}},"model":"deepseek/deepseek-chat","mode":"ask"}""";
        var (status, created) = await node.SendAsync(HttpMethod.Post, "/api/tasks", body);
        Assert.True(status == 201, $"create on {node.Name}: {status} {created}");
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>The node that runs the task's attempt, and the two others.</summary>
    private static async Task<(NodeProcess Owner, NodeProcess A, NodeProcess C)> RolesAsync(List<NodeProcess> nodes, string id)
    {
        var ownerId = await UntilAsync(() => OwnerAsync(nodes[0], id), "the attempt starts on a node");
        var owner = nodes.Single(n => n.Id == ownerId);
        var others = nodes.Where(n => n != owner && !n.HasExited).ToList();
        return (owner, others[0], others[^1]);
    }

    /// <summary>A file of a branch of the remote, or "" when the branch does not have it.</summary>
    private static string ShowOrEmpty(string repo, string branch, string file) =>
        GitRepo.Run(repo, "ls-tree", "--name-only", branch).Split('\n').Contains(file) ? GitRepo.Run(repo, "show", branch + ":" + file) : "";
}
