namespace Wright.Core.Events;

/// <summary>The model asked for a tool call. <see cref="Arguments"/> is the raw JSON the model produced.</summary>
public sealed record ToolCallRequested(string CallId, string Name, string Arguments) : AgentEvent;
