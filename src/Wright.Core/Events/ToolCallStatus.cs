using System.Text.Json.Serialization;

namespace Wright.Core.Events;

/// <summary>How a tool call ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolCallStatus>))]
public enum ToolCallStatus
{
    /// <summary>The tool ran and reported success.</summary>
    [JsonStringEnumMemberName("ok")] Ok,
    /// <summary>The tool failed or the call was invalid; the model sees an error result.</summary>
    [JsonStringEnumMemberName("error")] Error,
    /// <summary>The permission layer refused the call.</summary>
    [JsonStringEnumMemberName("denied")] Denied,
    /// <summary>The run was cancelled while the call was pending or running.</summary>
    [JsonStringEnumMemberName("interrupted")] Interrupted,
}
