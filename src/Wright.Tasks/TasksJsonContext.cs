using System.Text.Json.Serialization;

namespace Wright.Tasks;

/// <summary>Source-generated (NativeAOT-safe) JSON of the task store's records.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(TaskSpec))]
[JsonSerializable(typeof(AttemptRecord))]
[JsonSerializable(typeof(AttemptStatusEvent))]
[JsonSerializable(typeof(SetupEvent))]
[JsonSerializable(typeof(Wright.Core.Approvals.ApprovalRequest))]
internal sealed partial class TasksJsonContext : JsonSerializerContext;
