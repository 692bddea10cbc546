namespace Wright.Core.Events;

/// <summary>A tool call ended; <see cref="Result"/> is exactly what the model will see.</summary>
public sealed record ToolCallFinished(string CallId, string Name, ToolCallStatus Status, string Result, long DurationMs) : AgentEvent
{
    /// <summary>When the result is untrusted content: where it came from (e.g. <c>web_fetch https://…</c>).</summary>
    public string? UntrustedSource { get; init; }
}
