using System.Text.Json.Serialization;
using Wright.Core.Events;
using Wright.Eval.Reports;

namespace Wright.Eval.Running;

/// <summary>Source-generated JSON for stored options and results.json (trajectories: <see cref="AgentEventJsonContext"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(EvalOptions))]
[JsonSerializable(typeof(RunResults))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
