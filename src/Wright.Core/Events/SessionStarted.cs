namespace Wright.Core.Events;

/// <summary>The session is ready: which model it talks to and in which workspace it works.</summary>
public sealed record SessionStarted(string Model, string Workspace, IReadOnlyList<string> Tools) : AgentEvent;
