namespace Wright.Server.Api;

/// <summary>The body of <c>POST /api/tasks</c>.</summary>
public sealed record CreateTaskBody
{
    public string? Prompt { get; init; }

    public string? Repo { get; init; }

    public string? Model { get; init; }

    public string? Mode { get; init; }

    public int? Attempts { get; init; }

    public string? Base { get; init; }

    public decimal? BudgetUsd { get; init; }

    public int? Priority { get; init; }
}
