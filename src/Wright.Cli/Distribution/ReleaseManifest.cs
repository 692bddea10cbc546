using System.Text.Json.Serialization;

namespace Wright.Cli.Distribution;

/// <summary>
/// <c>release.json</c>, published beside a release's assets by scripts/release.sh: which version it is and, for each
/// asset (<c>linux-x64</c>, …), its file and SHA-256. <c>wright update</c> reads it from the release URL.
/// </summary>
internal sealed class ReleaseManifest
{
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("commit")]
    public string? Commit { get; set; }

    [JsonPropertyName("date")]
    public string? Date { get; set; }

    [JsonPropertyName("assets")]
    public Dictionary<string, ReleaseAsset>? Assets { get; set; }
}
