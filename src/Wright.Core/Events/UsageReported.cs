namespace Wright.Core.Events;

/// <summary>
/// Token usage the provider reported for one turn, and its cost when the model's prices are known. <paramref name="Model"/>
/// names the model when it is not the session's (a compaction summary written by another model); null otherwise.
/// </summary>
public sealed record UsageReported(int Turn, TokenUsage Usage, decimal? CostUsd, string? Model = null) : AgentEvent;
