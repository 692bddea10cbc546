namespace Wright.Runtime.Protocol;

/// <summary>Cancel the run in progress. Acknowledged by its <c>RunFinished</c> with status <c>cancelled</c>.</summary>
public sealed record Interrupt : SessionOperation;
