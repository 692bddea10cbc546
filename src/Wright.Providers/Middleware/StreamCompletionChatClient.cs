using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Providers.Middleware;

/// <summary>
/// For SDK clients that end a cut stream silently: a streamed response that finishes without any finish reason is
/// treated as cut (<see cref="ErrorKind.StreamInterrupted"/>), so the retry layer can discard it and ask again
/// instead of passing half an answer on as complete.
/// </summary>
public sealed class StreamCompletionChatClient(IChatClient inner, string provider) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var finished = false;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            finished |= update.FinishReason is not null;
            yield return update;
        }

        if (!finished)
            throw new ProviderException(ErrorKind.StreamInterrupted, $"the response stream from {provider} ended before the response was complete");
    }
}
