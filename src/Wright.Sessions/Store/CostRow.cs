namespace Wright.Sessions.Store;

/// <summary>Usage and cost of one model on one day (UTC). <see cref="CostUsd"/> sums the priced requests only.</summary>
public sealed record CostRow(string Day, string Model, int Sessions, int Requests, long InputTokens, long OutputTokens,
    long CacheReadTokens, long CacheWriteTokens, decimal CostUsd, int UnpricedRequests);
