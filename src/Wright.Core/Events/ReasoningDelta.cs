namespace Wright.Core.Events;

/// <summary>A piece of the model's reasoning (thinking) as it streams.</summary>
public sealed record ReasoningDelta(string Text) : AgentEvent;
