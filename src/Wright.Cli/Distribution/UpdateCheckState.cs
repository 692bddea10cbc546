using System.Text.Json.Serialization;

namespace Wright.Cli.Distribution;

/// <summary><c>$WRIGHT_HOME/update-check.json</c>: when releases were last looked at, and the newest version seen.</summary>
internal sealed class UpdateCheckState
{
    [JsonPropertyName("checked_at")]
    public DateTimeOffset CheckedAt { get; set; }

    [JsonPropertyName("latest")]
    public string? Latest { get; set; }
}
