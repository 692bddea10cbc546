namespace Wright.Server.Api;

/// <summary>
/// The answer to an approval request: <c>yes</c>, <c>always</c> or <c>no</c> (with what to do instead);
/// <c>session_id</c> as the request listed it (a subagent's call), else omitted.
/// </summary>
public sealed record ApprovalBody
{
    public string? Decision { get; init; }

    public string? Feedback { get; init; }

    public string? SessionId { get; init; }
}
