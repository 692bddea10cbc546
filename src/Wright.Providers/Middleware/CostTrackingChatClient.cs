using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Providers;
using Wright.Providers.Catalog;

namespace Wright.Providers.Middleware;

/// <summary>
/// Prices each reported usage with the model's catalog prices and records the cost in
/// <see cref="UsageKeys.CostNanoUsd"/>. Without known prices, usage passes through unpriced (cost unknown).
/// </summary>
public sealed class CostTrackingChatClient(IChatClient inner, ModelInfo? model) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (response.Usage is { } usage)
            Price(usage);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usage)
                    Price(usage.Details);
            }

            yield return update;
        }
    }

    private void Price(UsageDetails usage)
    {
        if (model?.Price(usage) is not { } cost)
            return;
        usage.AdditionalCounts ??= [];
        usage.AdditionalCounts[UsageKeys.CostNanoUsd] = (long)Math.Round(cost * 1_000_000_000m);
    }
}
