namespace Wright.Sessions.Store;

/// <summary>
/// One stored session as listed by <c>wright sessions</c>. <see cref="CostUsd"/> sums the priced requests only;
/// <see cref="UnpricedRequests"/> counts those without a price (their cost is unknown).
/// </summary>
public sealed record SessionRecord(
    string Id,
    string Workspace,
    string Model,
    string Title,
    string? ParentId,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    int Turns,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    string Status,
    int UnpricedRequests = 0);
