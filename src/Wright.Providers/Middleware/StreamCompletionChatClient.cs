using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using StreamingChatCompletionUpdate = OpenAI.Chat.StreamingChatCompletionUpdate;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.Middleware;

/// <summary>
/// For the OpenAI SDK clients (Responses and Chat Completions through Microsoft.Extensions.AI): a streamed response
/// that finishes without any finish reason is treated as cut (<see cref="ErrorKind.StreamInterrupted"/>), so the retry
/// layer can discard it and ask again instead of passing half an answer on as complete. Refusals become
/// <see cref="RefusalContent"/> (the Responses refusal arrives as an <see cref="ErrorContent"/> with code
/// <c>Refusal</c>; a Chat <c>delta.refusal</c> only in the SDK update), and any other error content is a classified
/// <see cref="ProviderException"/> rather than text.
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
            for (var i = 0; i < update.Contents.Count; i++)
            {
                if (update.Contents[i] is not ErrorContent error)
                    continue;
                if (!string.Equals(error.ErrorCode, "Refusal", StringComparison.OrdinalIgnoreCase))
                    throw ProviderErrors.Classify(null, null, error.ErrorCode, error.Message, provider, null, midStream: true);
                update.Contents[i] = new RefusalContent(error.Message);
            }

            if (update.RawRepresentation is StreamingChatCompletionUpdate { RefusalUpdate: { Length: > 0 } refusal })
                update.Contents.Add(new RefusalContent(refusal));
            yield return update;
        }

        if (!finished)
            throw new ProviderException(ErrorKind.StreamInterrupted, $"the response stream from {provider} ended before the response was complete");
    }
}
