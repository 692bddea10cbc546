namespace Wright.Core.Events;

/// <summary>A tool call ended; <see cref="Result"/> is exactly what the model will see.</summary>
public sealed record ToolCallFinished(string CallId, string Name, ToolCallStatus Status, string Result, long DurationMs) : AgentEvent;
