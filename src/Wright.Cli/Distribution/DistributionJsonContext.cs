using System.Text.Json.Serialization;

namespace Wright.Cli.Distribution;

/// <summary>Source-generated (NativeAOT-safe) JSON for the release manifest and the update check's state.</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ReleaseManifest))]
[JsonSerializable(typeof(UpdateCheckState))]
internal sealed partial class DistributionJsonContext : JsonSerializerContext;
