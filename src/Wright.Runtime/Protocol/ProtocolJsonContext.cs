using System.Text.Json.Serialization;
using Wright.Core.Events;

namespace Wright.Runtime.Protocol;

/// <summary>
/// Source-generated (NativeAOT-safe) JSON of the protocol: operations (<c>{"op":"set_mode","mode":"plan"}</c>) and
/// events (<c>{"type":"approval_requested",…}</c>), snake_case as in stream-json.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionOperation))]
[JsonSerializable(typeof(AgentEvent))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
