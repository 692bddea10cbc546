using System.Text.Json.Serialization;
using Wright.Core.Events;

namespace Wright.Cli.Hosting;

/// <summary>Source-generated (NativeAOT-safe) serialisation of engine events for stream-json.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AgentEvent))]
[JsonSerializable(typeof(RunStatus))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
