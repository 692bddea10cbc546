using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Providers.Middleware;

/// <summary>
/// Retries transient provider failures (429, 5xx, 529/overloaded, connection resets, cut or stalled streams) with
/// exponential backoff and jitter, honouring Retry-After. Before each retry it yields a
/// <see cref="RetryNoticeContent"/>; when output of the failed attempt was already streamed the notice says so, and
/// the engine discards that partial output, so nothing is duplicated.
/// Hand-written rather than Polly: a retry must be able to emit an update into the very stream it restarts.
/// </summary>
public sealed class RetryingChatClient(IChatClient inner, RetryOptions options, TimeProvider? timeProvider = null) : DelegatingChatClient(inner)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await base.GetResponseAsync(history, chatOptions, cancellationToken);
            }
            catch (ProviderException ex) when (ShouldRetry(ex, attempt, out var delay))
            {
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        for (var attempt = 0; ; attempt++)
        {
            var streamed = false;
            ProviderException? failure = null;
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var enumerator = base.GetStreamingResponseAsync(history, chatOptions, idle.Token).GetAsyncEnumerator(idle.Token);
            try
            {
                while (true)
                {
                    bool moved;
                    idle.CancelAfter(options.StreamIdleTimeout);
                    try
                    {
                        moved = await enumerator.MoveNextAsync();
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && idle.IsCancellationRequested)
                    {
                        failure = new ProviderException(ErrorKind.Timeout,
                            $"no data from the provider for {options.StreamIdleTimeout.TotalSeconds:0}s");
                        break;
                    }
                    catch (ProviderException ex)
                    {
                        failure = ex;
                        break;
                    }

                    if (!moved)
                        yield break;
                    streamed = true;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }

            if (!ShouldRetry(failure!, attempt, out var delay))
                throw failure!;
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new RetryNoticeContent(attempt + 1, delay, failure!.Message, streamed)]);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private bool ShouldRetry(ProviderException ex, int attempt, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (!ex.IsTransient || attempt >= options.MaxRetries)
            return false;
        if (ex.RetryAfter is { } retryAfter)
        {
            if (retryAfter > options.MaxRetryAfter)
                return false;
            delay = retryAfter;
            return true;
        }

        // Exponential backoff with "equal jitter": half fixed, half random.
        var cap = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        delay = TimeSpan.FromMilliseconds((cap / 2) + (Random.Shared.NextDouble() * cap / 2));
        return true;
    }
}
