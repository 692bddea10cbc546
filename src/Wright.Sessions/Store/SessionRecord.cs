namespace Wright.Sessions.Store;

/// <summary>
/// One stored session as listed by <c>wright sessions</c>. <see cref="CostUsd"/> sums the priced requests only;
/// <see cref="UnpricedRequests"/> counts those without a price (their cost is unknown). <see cref="ParentId"/> is the
/// session it was forked from, or, for a subagent's session (<see cref="Agent"/> set), the session whose <c>task</c>
/// call ran it.
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
    int UnpricedRequests = 0)
{
    /// <summary>The subagent's name when this is a subagent's session (<c>general</c> or a defined agent); null otherwise.</summary>
    public string? Agent { get; init; }
}
