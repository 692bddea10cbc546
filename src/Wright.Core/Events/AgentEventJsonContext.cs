using System.Text.Json.Serialization;

namespace Wright.Core.Events;

/// <summary>
/// Source-generated (NativeAOT-safe) JSON of engine events as stream-json writes them (snake_case, every property):
/// the one context for stdout, the session store, a task's event stream and eval trajectories. One context rather than
/// one per host keeps a single copy of the events' metadata in the binary; metadata only (no fast-path writers), since
/// the polymorphic <see cref="AgentEvent"/> is always written through its metadata anyway.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AgentEvent))]
[JsonSerializable(typeof(RunStatus))]
public sealed partial class AgentEventJsonContext : JsonSerializerContext;
