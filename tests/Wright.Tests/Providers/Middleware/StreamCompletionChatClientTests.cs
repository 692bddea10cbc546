using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Middleware;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Providers.Middleware;

public sealed class StreamCompletionChatClientTests
{
    private static async Task<string> Text(IChatClient client)
    {
        var text = "";
        await foreach (var u in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
            text += u.Text;
        return text;
    }

    [Fact]
    public async Task A_stream_without_a_finish_reason_is_reported_as_cut()
    {
        var inner = new ScriptedChatClient().ThenText("Hel");
        var ex = await Assert.ThrowsAsync<ProviderException>(() => Text(new StreamCompletionChatClient(inner, "openai")));

        Assert.Equal(ErrorKind.StreamInterrupted, ex.Kind);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task A_finished_stream_passes_through()
    {
        var inner = new ScriptedChatClient().ThenUpdates(Update(new TextContent("Hello")), new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop });
        Assert.Equal("Hello", await Text(new StreamCompletionChatClient(inner, "openai")));
    }
}
