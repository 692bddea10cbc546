using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Core.Tools;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Engine;

/// <summary>A refusal is its own status, with the model's explanation as the run's text.</summary>
public sealed class RefusalTests
{
    private static async Task<(List<AgentEvent> Events, AgentSession Session)> Run(ScriptedChatClient client, params ITool[] tools)
    {
        var session = new AgentSession(client, new ToolRegistry(tools), new AgentOptions
        {
            Model = "test/model", Workspace = "/tmp", SessionDirectory = Path.GetTempPath(),
        });
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync("go", TestContext.Current.CancellationToken))
            events.Add(e);
        return (events, session);
    }

    [Fact]
    public async Task A_refusal_ends_the_run_with_status_refusal_and_its_explanation()
    {
        var client = new ScriptedChatClient()
            .ThenUpdates(Update(new RefusalContent("I'm sorry, but ")), Update(new RefusalContent("I can't help with that.")),
                new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop })
            .ThenText("second answer");
        var (events, session) = await Run(client);

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunStatus.Refusal, finished.Status);
        Assert.Equal("I'm sorry, but I can't help with that.", finished.Text);
        Assert.Equal("I'm sorry, but I can't help with that.", string.Concat(events.OfType<TextDelta>().Select(d => d.Text)));
        // The transcript holds the explanation as the assistant's words, never the refusal content itself.
        var assistant = session.Messages.Last();
        Assert.Equal(ChatRole.Assistant, assistant.Role);
        Assert.DoesNotContain(assistant.Contents, c => c is RefusalContent);
        Assert.Equal("I'm sorry, but I can't help with that.", assistant.Text);
        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task A_refusal_after_some_text_keeps_both_apart_and_runs_no_tool()
    {
        var tool = new FakeTool("echo", ToolEffect.ReadOnly, (_, _) => Task.FromResult(ToolResult.Ok("ran")));
        var client = new ScriptedChatClient().ThenUpdates(
            Update(new TextContent("Let me look.")),
            Update(Call("c1", "echo", "{}")),
            new ChatResponseUpdate(ChatRole.Assistant, [new RefusalContent("Blocked by policy.")]) { MessageId = "m", FinishReason = ChatFinishReason.ContentFilter });
        var (events, session) = await Run(client, tool);

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunStatus.Refusal, finished.Status);
        Assert.Equal("Let me look.\n\nBlocked by policy.", finished.Text);
        Assert.Empty(tool.Calls);
        Assert.Empty(events.OfType<ToolCallRequested>());
        Assert.DoesNotContain(session.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent);
    }

    [Fact]
    public async Task A_content_filter_stop_without_explanation_is_a_refusal_with_a_placeholder()
    {
        var client = new ScriptedChatClient().ThenUpdates(new ChatResponseUpdate { FinishReason = ChatFinishReason.ContentFilter });
        var (events, _) = await Run(client);

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunStatus.Refusal, finished.Status);
        Assert.Contains("declined", finished.Text, StringComparison.Ordinal);
    }
}
