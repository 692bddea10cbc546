using System.Text.Json.Serialization;

namespace Wright.Cli.Distribution;

/// <summary>One tarball of a release: its file name (relative to the release URL), SHA-256 and size in bytes.</summary>
internal sealed class ReleaseAsset
{
    [JsonPropertyName("file")]
    public string? File { get; set; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; set; }

    [JsonPropertyName("size")]
    public long Size { get; set; }
}
