using System.Text.Json.Serialization;

namespace Wright.Node.Hosting;

/// <summary>Source-generated JSON of the fleet's API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FleetStatus))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
