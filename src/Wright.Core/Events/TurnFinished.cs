namespace Wright.Core.Events;

/// <summary>A turn's response is complete and its tool calls (if any) have run.</summary>
public sealed record TurnFinished(int Turn, int ToolCalls) : AgentEvent;
