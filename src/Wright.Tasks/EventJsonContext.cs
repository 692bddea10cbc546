using System.Text.Json.Serialization;
using Wright.Core.Events;

namespace Wright.Tasks;

/// <summary>Engine events as stream-json writes them (snake_case, every property), for a task's event stream.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AgentEvent))]
[JsonSerializable(typeof(RunStatus))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
