namespace Wright.Core.Events;

/// <summary>
/// A shell command the person ran themselves (<c>!cmd</c>) finished; <see cref="Status"/> is its exit code or
/// <c>cancelled</c>. Its (redacted, capped) output joined the conversation as a note the model sees on the next run.
/// </summary>
public sealed record ShellCommandFinished(string Command, string Status, string Output) : AgentEvent;
