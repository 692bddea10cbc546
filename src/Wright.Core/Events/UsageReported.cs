namespace Wright.Core.Events;

/// <summary>Token usage the provider reported for one turn, and its cost when the model's prices are known.</summary>
public sealed record UsageReported(int Turn, TokenUsage Usage, decimal? CostUsd) : AgentEvent;
