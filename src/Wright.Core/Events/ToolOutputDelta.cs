namespace Wright.Core.Events;

/// <summary>
/// A piece of a running tool's output as it arrives (the shell's combined output), for a host's live progress. The
/// engine redacts it like a result; the final, complete output is still only in <see cref="ToolCallFinished"/>.
/// </summary>
public sealed record ToolOutputDelta(string CallId, string Text) : AgentEvent;
