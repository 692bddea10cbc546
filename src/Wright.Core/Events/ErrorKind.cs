using System.Text.Json.Serialization;

namespace Wright.Core.Events;

/// <summary>What kind of failure an error is; hosts map these to exit codes and hints.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErrorKind>))]
public enum ErrorKind
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("configuration")] Configuration,
    [JsonStringEnumMemberName("authentication")] Authentication,
    [JsonStringEnumMemberName("permission")] Permission,
    [JsonStringEnumMemberName("not_found")] NotFound,
    [JsonStringEnumMemberName("rate_limited")] RateLimited,
    [JsonStringEnumMemberName("overloaded")] Overloaded,
    [JsonStringEnumMemberName("server_error")] ServerError,
    [JsonStringEnumMemberName("network")] Network,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("stream_interrupted")] StreamInterrupted,
    [JsonStringEnumMemberName("context_overflow")] ContextOverflow,
    [JsonStringEnumMemberName("bad_request")] BadRequest,

    /// <summary>The account's quota, credit or billing limit is exhausted; retrying does not help.</summary>
    [JsonStringEnumMemberName("quota")] Quota,
}
