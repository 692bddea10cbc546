using System.Text.Json.Serialization;

namespace Wright.Tasks;

/// <summary>
/// The scheduler's event for the repository's setup script in a task's stream (<c>{"type":"setup",…}</c>):
/// <c>phase</c> is <c>started</c>, <c>output</c> (one line in <c>text</c>), <c>finished</c> (with <c>exit_code</c>)
/// or <c>skipped</c> (<c>text</c> says why: an untrusted or unreadable script never runs).
/// </summary>
internal sealed record SetupEvent(int Attempt, string Phase, string? Text)
{
    [JsonPropertyOrder(-1)]
    public string Type => "setup";

    /// <summary>With <c>finished</c>: the script's exit code (-1: killed by the timeout).</summary>
    public int? ExitCode { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset Time { get; init; }
}
