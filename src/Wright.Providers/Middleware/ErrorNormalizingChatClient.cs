using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.Middleware;

/// <summary>
/// Innermost middleware: turns every transport exception into a <see cref="ProviderException"/> so retry,
/// the engine and hosts deal with one type. The caller's cancellation passes through untouched.
/// </summary>
public sealed class ErrorNormalizingChatClient(IChatClient inner, string provider, Uri? endpoint) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when (Normalize(ex, cancellationToken) is { } normalized)
        {
            throw normalized;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync())
                        yield break;
                }
                catch (Exception ex) when (Normalize(ex, cancellationToken) is { } normalized)
                {
                    throw normalized;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }

    /// <summary>Returns the normalised exception, or null to let the original propagate.</summary>
    internal ProviderException? Normalize(Exception ex, CancellationToken cancellationToken)
    {
        if (ex is ProviderException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            return null;
        return ProviderErrors.FromTransport(ex, provider, endpoint);
    }
}
