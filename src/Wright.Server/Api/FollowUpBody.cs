namespace Wright.Server.Api;

/// <summary>The body of <c>POST /api/tasks/{id}/follow-up</c> (attempt default 1) and of <c>…/retry</c> (message unused).</summary>
public sealed record FollowUpBody
{
    public string? Message { get; init; }

    public int? Attempt { get; init; }
}
