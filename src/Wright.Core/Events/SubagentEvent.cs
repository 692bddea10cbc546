namespace Wright.Core.Events;

/// <summary>An event of a subagent, nested in its parent's stream under the <c>task</c> call that started it.</summary>
public sealed record SubagentEvent(string ParentCallId, string Agent, AgentEvent Event) : AgentEvent;
