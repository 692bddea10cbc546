namespace Wright.Core.Events;

/// <summary>The run ended. This is the last event of every run.</summary>
public sealed record RunFinished(
    RunStatus Status,
    string Text,
    int Turns,
    TokenUsage Usage,
    decimal? CostUsd,
    long DurationMs) : AgentEvent;
