using System.Text.Json.Serialization;

namespace Wright.Core.Events;

/// <summary>How a run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("max_turns")] MaxTurns,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("budget")] Budget,
}
