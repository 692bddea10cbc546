using System.Text.Json;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Tools;
using static Wright.Tests.Providers.Anthropic.AnthropicTestHarness;

namespace Wright.Tests.Providers.Anthropic;

/// <summary>The engine's turn loop over the Anthropic client, with recorded streams.</summary>
public sealed class AnthropicEngineTests
{
    [Fact]
    public async Task Tool_call_turn_sends_the_result_back_as_a_tool_result_and_finishes()
    {
        var responses = new Queue<string>([Fixture("tool_use_response.txt"), Fixture("basic_response.txt")]);
        var (client, handler) = Create(_ => Sse(responses.Dequeue()));
        var workspace = Path.GetTempPath();
        var session = new AgentSession(client, new ToolRegistry([]), new AgentOptions
        {
            Model = "anthropic/claude-test",
            Workspace = workspace,
            SessionDirectory = workspace,
            SystemPrompt = "You are Wright.",
        });

        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync("What is the weather in Paris?", TestContext.Current.CancellationToken))
            events.Add(e);

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunStatus.Success, finished.Status);
        Assert.Equal("Hello there!", finished.Text);
        Assert.Equal(2, finished.Turns);
        Assert.Equal(new TokenUsage(377 + 11, 65 + 6, 0, 0), finished.Usage);
        Assert.Equal("I'll check the current weather in Paris for you.Hello there!",
            string.Concat(events.OfType<TextDelta>().Select(d => d.Text)));
        var call = Assert.Single(events.OfType<ToolCallFinished>());
        Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", call.CallId);

        Assert.Equal(2, handler.Bodies.Count);
        var second = JsonDocument.Parse(handler.Bodies[1]).RootElement;
        Assert.Equal("""[{"type":"text","text":"You are Wright.","cache_control":{"type":"ephemeral"}}]""", second.GetProperty("system").GetRawText());
        var messages = second.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal(
            """{"role":"assistant","content":[{"type":"text","text":"I'll check the current weather in Paris for you."},{"type":"tool_use","id":"toolu_01NRLabsLyVHZPKxbKvkfSMn","name":"get_weather","input":{"location":"Paris"}}]}""",
            messages[1].GetRawText());
        var result = messages[2].GetProperty("content")[0];
        Assert.Equal("tool_result", result.GetProperty("type").GetString());
        Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", result.GetProperty("tool_use_id").GetString());
        Assert.Equal(call.Result, result.GetProperty("content").GetString());
        Assert.StartsWith("Error:", call.Result, StringComparison.Ordinal);
        Assert.True(result.GetProperty("is_error").GetBoolean());
    }
}
