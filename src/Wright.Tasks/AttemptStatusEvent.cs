using System.Text.Json.Serialization;

namespace Wright.Tasks;

/// <summary>The scheduler's own event in a task's stream: an attempt changed state (<c>{"type":"attempt_status",…}</c>).</summary>
internal sealed record AttemptStatusEvent(int Attempt, string Status, string? Error)
{
    [JsonPropertyOrder(-1)]
    public string Type => "attempt_status";

    /// <summary>When.</summary>
    public DateTimeOffset Time { get; init; }
}
