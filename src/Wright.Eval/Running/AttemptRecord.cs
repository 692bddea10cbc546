namespace Wright.Eval.Running;

/// <summary>One attempt of one configuration at one task, as stored.</summary>
public sealed record AttemptRecord
{
    public required string Config { get; init; }
    public required string Task { get; init; }
    public required int Attempt { get; init; }

    /// <summary>passed, failed, env_error, malformed, error (the agent could not run), skipped (a run budget was reached).</summary>
    public required string Status { get; init; }
    public bool PassedFirstTry { get; init; }
    public double? Reward { get; init; }
    public decimal? CostUsd { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public int Turns { get; init; }
    public int ToolErrors { get; init; }
    public long WallMs { get; init; }
    public string? SessionId { get; init; }
    public string? Trajectory { get; init; }
    public string? Detail { get; init; }

    public bool Passed => Status == "passed";
}
