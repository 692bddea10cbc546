using Wright.Core.Events;
using static Wright.Tests.Providers.Streams.StreamReplay;

namespace Wright.Tests.Providers.Streams;

/// <summary>Recorded and documented refusals on every protocol end the run with status refusal and the explanation.</summary>
public sealed class RefusalStreamTests
{
    [Theory]
    // Anthropic: no content, stop_reason refusal with stop_details.explanation.
    [InlineData("anthropic", "anthropic/refusal.sse",
        "This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.")]
    // OpenAI Responses (SDK): a refusal content part streamed as response.refusal.delta.
    [InlineData("openai", "openai-responses/refusal.sse", "I'm sorry, but I can't help with that.")]
    // Chat Completions (SDK) and OpenAI-compatible vendors: delta.refusal.
    [InlineData("openai-chat", "openai-chat/refusal.sse", "I'm sorry, but I can't help with that.")]
    [InlineData("deepseek", "openai-chat/refusal.sse", "I'm sorry, but I can't help with that.")]
    public async Task A_refusal_ends_the_run_with_status_refusal_and_the_explanation(string provider, string fixture, string explanation)
    {
        var handler = Sse(fixture);
        var events = await RunAsync(Client(provider, handler));

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunStatus.Refusal, finished.Status);
        Assert.Equal(explanation, finished.Text);
        Assert.Equal(explanation, string.Concat(events.OfType<TextDelta>().Select(d => d.Text)));
        Assert.Empty(events.OfType<ErrorOccurred>());
        Assert.Single(handler.Requests);
        Assert.True(finished.Usage.OutputTokens > 0);
    }
}
