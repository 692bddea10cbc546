using System.Text.Json.Serialization;

namespace Wright.Eval.Reports;

/// <summary>results.json: the run and one record per configuration.</summary>
public sealed record RunResults
{
    public required string RunId { get; init; }
    public required string Suite { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required int Attempts { get; init; }
    public string Estimator { get; init; } = "pass@k: unbiased estimator of Chen et al. 2021, mean over tasks; ci: 95% percentile bootstrap over tasks (2000 resamples, seed 17); solved_ci: Wilson score 95%";
    public required List<ConfigResult> Configs { get; init; }

    /// <summary>Tasks that could not be read, with why.</summary>
    public required List<TaskProblem> Malformed { get; init; }
}

/// <summary>A malformed task.</summary>
public sealed record TaskProblem(string Task, string Problem);

/// <summary>One configuration's results.</summary>
public sealed record ConfigResult
{
    public required string Label { get; init; }
    public required string Model { get; init; }
    public required int Solved { get; init; }
    public required int Total { get; init; }
    public required double[] SolvedCi { get; init; }
    // Named explicitly: the snake-case policy writes "pass_at1" (a digit starts no word).
    [JsonPropertyName("pass_at_1")]
    public required double PassAt1 { get; init; }

    [JsonPropertyName("pass_at_1_ci")]
    public required double[] PassAt1Ci { get; init; }
    public required int K { get; init; }
    public required double PassAtK { get; init; }
    public required double[] PassAtKCi { get; init; }

    /// <summary>pass@1 counting Aider's second try with the test output (equal to pass_at_1 for other formats).</summary>
    [JsonPropertyName("pass_at_1_with_feedback")]
    public required double PassAt1WithFeedback { get; init; }

    /// <summary>Null when some request had no known price.</summary>
    public required decimal? CostUsd { get; init; }
    public required long InputTokens { get; init; }
    public required long OutputTokens { get; init; }
    public required int Turns { get; init; }
    public required long WallMs { get; init; }
    public required int ToolErrors { get; init; }
    public required int EnvErrors { get; init; }
    public required List<TaskResult> Tasks { get; init; }
}

/// <summary>One task under one configuration.</summary>
public sealed record TaskResult
{
    public required string Task { get; init; }
    public required int Attempts { get; init; }
    public required int Passed { get; init; }
    public required int PassedFirstTry { get; init; }
    public required bool Solved { get; init; }
    public required string Status { get; init; }
    public required decimal? CostUsd { get; init; }
    public required long WallMs { get; init; }
    public required List<AttemptResult> Runs { get; init; }
}

/// <summary>One attempt, with its trajectory (relative to the run's folder) and stored session.</summary>
public sealed record AttemptResult(int Attempt, string Status, bool PassedFirstTry, decimal? CostUsd, int Turns, long WallMs, string? SessionId, string? Trajectory, string? Detail);
