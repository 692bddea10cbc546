using Microsoft.Extensions.AI;
using Wright.Core.Providers;

namespace Wright.Providers.Catalog;

/// <summary>
/// What Wright knows of a model: window sizes and prices in USD per million tokens (null = unknown).
/// </summary>
public sealed record ModelInfo(
    string Id,
    int ContextWindow,
    int MaxOutputTokens,
    decimal? InputPrice = null,
    decimal? OutputPrice = null,
    decimal? CacheReadPrice = null,
    decimal? CacheWritePrice = null)
{
    /// <summary>Whether the model reads images in a prompt; null when unknown (images are then sent, and the provider decides).</summary>
    public bool? TakesImages { get; init; }

    /// <summary>Whether the model always reasons (OpenAI's gpt-5 and o-series), so its reasoning is asked for and kept even without an effort; false when unknown.</summary>
    public bool Reasons { get; init; }

    /// <summary>Whether the input and output prices are known, so usage can be priced (and a budget enforced).</summary>
    public bool IsPriced => InputPrice is not null && OutputPrice is not null;

    /// <summary>
    /// Prices a usage (Wright's convention: input count includes cache reads and writes), or null when the input or
    /// output price is unknown.
    /// </summary>
    public decimal? Price(UsageDetails usage)
    {
        if (InputPrice is not { } input || OutputPrice is not { } output)
            return null;
        var cacheRead = usage.CachedInputTokenCount ?? 0;
        var cacheWrite = usage.AdditionalCounts is { } counts && counts.TryGetValue(UsageKeys.CacheWriteTokens, out var w) ? w : 0;
        var plainInput = Math.Max(0, (usage.InputTokenCount ?? 0) - cacheRead - cacheWrite);
        var total = (plainInput * input)
            + (cacheRead * (CacheReadPrice ?? input))
            + (cacheWrite * (CacheWritePrice ?? input))
            + ((usage.OutputTokenCount ?? 0) * output);
        return total / 1_000_000m;
    }
}
