using Microsoft.Extensions.AI;

namespace Wright.Cli.Hosting;

/// <summary>A chat client whose inner client can be replaced between runs (<c>/model</c>); the transcript is the session's.</summary>
internal sealed class SwitchableChatClient(IChatClient inner) : IChatClient
{
    private IChatClient _inner = inner;

    /// <summary>Replaces the inner client and disposes the old one.</summary>
    public void Swap(IChatClient next)
    {
        var old = Interlocked.Exchange(ref _inner, next);
        old.Dispose();
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => _inner.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => _inner.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
