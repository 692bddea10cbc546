using System.Text.Json.Serialization;
using Wright.Core.Events;

namespace Wright.Sessions.Store;

/// <summary>Source-generated (NativeAOT-safe) serialisation of events as stored (the stream-json shape).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AgentEvent))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
