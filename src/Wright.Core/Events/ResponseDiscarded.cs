namespace Wright.Core.Events;

/// <summary>
/// A response stream was cut after it had produced output; that partial output is dropped from the transcript and
/// the request is retried. Hosts that displayed the partial text may retract it.
/// </summary>
public sealed record ResponseDiscarded(int Turn, string Reason) : AgentEvent;
