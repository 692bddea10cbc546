using System.Text.Json.Serialization;
using Wright.Core.Events;
using Wright.Eval.Reports;

namespace Wright.Eval.Running;

/// <summary>Source-generated JSON for trajectories (engine events), stored options and results.json.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AgentEvent))]
[JsonSerializable(typeof(EvalOptions))]
[JsonSerializable(typeof(RunResults))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
