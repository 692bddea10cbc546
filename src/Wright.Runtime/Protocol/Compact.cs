namespace Wright.Runtime.Protocol;

/// <summary>Compact the context now. Acknowledged by <c>ContextCompacted</c>.</summary>
public sealed record Compact : SessionOperation;
