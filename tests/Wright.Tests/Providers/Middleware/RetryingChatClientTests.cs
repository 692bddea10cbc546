using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Middleware;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Providers.Middleware;

public sealed class RetryingChatClientTests
{
    private static readonly RetryOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 2 };

    private static async Task<List<ChatResponseUpdate>> Collect(IChatClient client)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
            list.Add(u);
        return list;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Fail(ProviderException ex, params string[] before)
    {
        foreach (var text in before)
        {
            await Task.Yield();
            yield return Update(new TextContent(text));
        }

        throw ex;
    }

    [Fact]
    public async Task Rate_limit_then_success_emits_one_notice_without_discarding()
    {
        var inner = new ScriptedChatClient()
            .Then((_, _) => Fail(new ProviderException(ErrorKind.RateLimited, "429", 429)))
            .ThenText("ok");
        var updates = await Collect(new RetryingChatClient(inner, Fast));

        var notice = Assert.IsType<RetryNoticeContent>(updates[0].Contents.Single());
        Assert.Equal(1, notice.Attempt);
        Assert.False(notice.DiscardPartial);
        Assert.Equal("ok", updates[1].Text);
        Assert.Equal(2, inner.Requests.Count);
    }

    [Fact]
    public async Task A_stream_cut_after_output_asks_to_discard_the_partial_response()
    {
        var inner = new ScriptedChatClient()
            .Then((_, _) => Fail(new ProviderException(ErrorKind.StreamInterrupted, "cut"), "Hel"))
            .ThenText("Hello");
        var updates = await Collect(new RetryingChatClient(inner, Fast));

        Assert.Equal("Hel", updates[0].Text);
        Assert.True(Assert.IsType<RetryNoticeContent>(updates[1].Contents.Single()).DiscardPartial);
        Assert.Equal("Hello", updates[2].Text);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        var inner = new ScriptedChatClient()
            .Then((_, _) => Fail(new ProviderException(ErrorKind.Overloaded, "529", 529, TimeSpan.FromMilliseconds(250))))
            .ThenText("ok");
        var started = DateTime.UtcNow;
        var updates = await Collect(new RetryingChatClient(inner, Fast));

        Assert.Equal(TimeSpan.FromMilliseconds(250), Assert.IsType<RetryNoticeContent>(updates[0].Contents.Single()).Delay);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Non_transient_errors_are_not_retried()
    {
        var inner = new ScriptedChatClient().Then((_, _) => Fail(new ProviderException(ErrorKind.Authentication, "bad key", 401)));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => Collect(new RetryingChatClient(inner, Fast)));

        Assert.Equal(ErrorKind.Authentication, ex.Kind);
        Assert.Single(inner.Requests);
    }

    [Fact]
    public async Task Gives_up_after_max_retries_with_the_last_error()
    {
        var inner = new ScriptedChatClient();
        for (var i = 0; i < 3; i++)
            inner.Then((_, _) => Fail(new ProviderException(ErrorKind.ServerError, "500 #" + i, 500)));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => Collect(new RetryingChatClient(inner, Fast)));

        Assert.Equal(ErrorKind.ServerError, ex.Kind);
        Assert.Equal(3, inner.Requests.Count);
    }

    [Fact]
    public async Task A_stalled_stream_times_out_and_is_retried()
    {
        var inner = new ScriptedChatClient().Then((_, ct) => Stall(ct)).ThenText("ok");
        var options = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), StreamIdleTimeout = TimeSpan.FromMilliseconds(100) };
        var updates = await Collect(new RetryingChatClient(inner, options));

        Assert.Contains("no data from the provider", Assert.IsType<RetryNoticeContent>(updates[0].Contents.Single()).Reason);
        Assert.Equal("ok", updates[1].Text);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Stall([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        yield break;
    }
}
