namespace Wright.Core.Events;

/// <summary>Something failed; <see cref="Message"/> is one clear line for the user.</summary>
public sealed record ErrorOccurred(ErrorKind Kind, string Message) : AgentEvent;
