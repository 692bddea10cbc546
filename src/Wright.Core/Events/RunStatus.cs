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

    /// <summary>The model declined the request; the run's text carries its explanation when it gave one.</summary>
    [JsonStringEnumMemberName("refusal")] Refusal,
}
