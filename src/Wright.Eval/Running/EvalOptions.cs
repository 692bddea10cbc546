namespace Wright.Eval.Running;

/// <summary>What a run evaluates and within which limits (stored with the run, so a resumed run keeps them).</summary>
public sealed record EvalOptions
{
    public required string Suite { get; init; }
    public List<EvalConfig> Configs { get; init; } = [];
    public int Attempts { get; init; } = 1;
    public int Parallel { get; init; } = 1;

    /// <summary>Budget cap per attempt of a task (US dollars), enforced by the session.</summary>
    public decimal? MaxTaskUsd { get; init; }

    /// <summary>Budget cap for the whole run: once reached, attempts not yet started are skipped.</summary>
    public decimal? MaxRunUsd { get; init; }
    public string? PermissionMode { get; init; }

    /// <summary>Where Harbor tasks run: <c>local</c> (the host's toolchain in the sandbox) or <c>docker</c> (the task's image).</summary>
    public string Environment { get; init; } = "local";
    public int? MaxTurns { get; init; }

    /// <summary>Only tasks whose id contains one of these (empty: all).</summary>
    public List<string> Tasks { get; init; } = [];
}
