using System.Text.Json.Serialization;
using Wright.Tasks;
using Wright.Tasks.Git;

namespace Wright.Server.Api;

/// <summary>Source-generated (NativeAOT-safe) JSON of the API; request bodies refuse unknown fields.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(CreateTaskBody))]
[JsonSerializable(typeof(FollowUpBody))]
[JsonSerializable(typeof(ApprovalBody))]
[JsonSerializable(typeof(ApplyBody))]
[JsonSerializable(typeof(TaskView))]
[JsonSerializable(typeof(List<TaskView>))]
[JsonSerializable(typeof(List<ApprovalView>))]
[JsonSerializable(typeof(AttemptDiff))]
[JsonSerializable(typeof(ApplyResult))]
[JsonSerializable(typeof(Problem))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
