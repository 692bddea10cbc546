namespace Wright.Core.Providers;

/// <summary>Keys Wright uses in <see cref="Microsoft.Extensions.AI.UsageDetails.AdditionalCounts"/>.</summary>
public static class UsageKeys
{
    /// <summary>Input tokens written to the provider's prompt cache.</summary>
    public const string CacheWriteTokens = "wright.cache_write_tokens";

    /// <summary>Cost of the response in nano-US-dollars (1e-9 USD), set by the cost middleware.</summary>
    public const string CostNanoUsd = "wright.cost_nano_usd";
}
