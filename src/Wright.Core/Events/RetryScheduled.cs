namespace Wright.Core.Events;

/// <summary>A provider request failed transiently and will be sent again after <see cref="DelayMs"/>.</summary>
public sealed record RetryScheduled(int Attempt, long DelayMs, string Reason) : AgentEvent;
