namespace Wright.Core.Events;

/// <summary>The run ended. This is the last event of every run.</summary>
public sealed record RunFinished(
    RunStatus Status,
    string Text,
    int Turns,
    TokenUsage Usage,
    decimal? CostUsd,
    long DurationMs) : AgentEvent
{
    /// <summary>The last response stopped at the model's output-token limit (its answer may be cut short).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Truncated { get; init; }
}
