using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Engine;

public sealed class CheckpointTests
{
    private sealed class Recorder(Exception? fail = null) : IWorkspaceCheckpoints
    {
        public List<(int Turn, int MutationsBefore)> Taken { get; } = [];

        public int Mutations { get; set; }

        public Task<string> CheckpointAsync(string sessionId, int turn, CancellationToken cancellationToken)
        {
            if (fail is not null)
                throw fail;
            Taken.Add((turn, Mutations));
            return Task.FromResult("snap-" + turn);
        }
    }

    private static async Task<List<AgentEvent>> Run(IChatClient client, IEnumerable<ITool> tools, IWorkspaceCheckpoints checkpoints)
    {
        var session = new AgentSession(client, new ToolRegistry(tools), new AgentOptions
        {
            Model = "test/model",
            Workspace = "/tmp",
            SessionDirectory = Path.GetTempPath(),
            SystemPrompt = "system",
            Checkpoints = checkpoints,
        });
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync("go"))
            events.Add(e);
        return events;
    }

    [Fact]
    public async Task A_snapshot_is_taken_once_per_turn_before_the_first_mutating_call_and_none_for_read_only_turns()
    {
        var recorder = new Recorder();
        var write = new FakeTool("write", ToolEffect.Mutating, (_, _) => { recorder.Mutations++; return Task.FromResult(ToolResult.Ok("ok")); });
        var read = new FakeTool("read", ToolEffect.ReadOnly, (_, _) => Task.FromResult(ToolResult.Ok("r")));
        var client = new ScriptedChatClient()
            .ThenCalls(Call("a", "read", "{}"))
            .ThenCalls(Call("b", "write", "{}"), Call("c", "write", "{}"))
            .ThenText("done");

        var events = await Run(client, [write, read], recorder);

        Assert.Equal([(2, 0)], recorder.Taken);
        var checkpoint = Assert.Single(events.OfType<CheckpointCreated>());
        Assert.Equal(2, checkpoint.Turn);
        Assert.Equal("snap-2", checkpoint.Snapshot);
        // system, user, assistant(read), tool result: the transcript before turn 2's response.
        Assert.Equal(4, checkpoint.Messages);
        Assert.True(events.IndexOf(checkpoint) < events.FindIndex(e => e is ToolCallRequested { CallId: "b" }));
        Assert.Equal(2, recorder.Mutations);
    }

    [Fact]
    public async Task A_failed_snapshot_is_reported_and_the_turn_goes_on()
    {
        var write = new FakeTool("write", ToolEffect.Mutating, (_, _) => Task.FromResult(ToolResult.Ok("ok")));
        var client = new ScriptedChatClient().ThenCalls(Call("b", "write", "{}")).ThenText("done");

        var events = await Run(client, [write], new Recorder(new IOException("disk full")));

        var checkpoint = Assert.Single(events.OfType<CheckpointCreated>());
        Assert.Null(checkpoint.Snapshot);
        Assert.Equal("disk full", checkpoint.Error);
        Assert.Equal(ToolCallStatus.Ok, Assert.Single(events.OfType<ToolCallFinished>()).Status);
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
    }
}
