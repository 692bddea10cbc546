namespace Wright.Core.Events;

/// <summary>
/// The transcript was compacted to fit the model's context window. <see cref="Stage"/> is how far compaction went:
/// <c>none</c> (nothing could be reduced), <c>elided</c> (old tool outputs replaced by placeholders) or
/// <c>summarized</c> (the older part of the conversation replaced by a model-written summary). <see cref="Turn"/> is
/// the turn about to be sampled, 0 when compaction was asked for between runs (<c>/compact</c>).
/// <see cref="SummaryUsage"/> and <see cref="SummaryCostUsd"/> describe the summary request, when there was one;
/// <see cref="Error"/> says why the summary failed, when it did (the elided transcript is kept).
/// </summary>
public sealed record ContextCompacted(
    int Turn,
    int TokensBefore,
    int TokensAfter,
    string Stage,
    TokenUsage? SummaryUsage,
    decimal? SummaryCostUsd = null,
    string? Error = null) : AgentEvent;
