namespace Wright.Core.Events;

/// <summary>A piece of the assistant's visible answer, as it streams.</summary>
public sealed record TextDelta(string Text) : AgentEvent;
