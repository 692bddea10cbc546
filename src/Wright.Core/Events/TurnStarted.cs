namespace Wright.Core.Events;

/// <summary>A sampling request to the model is about to be sent. Turns count from 1 within a run.</summary>
public sealed record TurnStarted(int Turn) : AgentEvent;
