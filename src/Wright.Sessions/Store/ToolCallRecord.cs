namespace Wright.Sessions.Store;

/// <summary>A stored tool call: requested before it ran, finished (or not) after.</summary>
public sealed record ToolCallRecord(string CallId, string Name, string Arguments, string Status, string? Result, long? DurationMs,
    string? UntrustedSource);
