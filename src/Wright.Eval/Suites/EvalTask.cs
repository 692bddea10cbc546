namespace Wright.Eval.Suites;

/// <summary>
/// One task of a suite, whatever its format: what the agent is told, which files make its workspace, how it is
/// verified, and its reference solution. A task that could not be read carries <see cref="Problem"/> instead.
/// </summary>
public sealed record EvalTask
{
    /// <summary>The task's name within its suite (its folder, or the JSONL record's id).</summary>
    public required string Id { get; init; }

    /// <summary>harbor, polyglot or swe.</summary>
    public required string Format { get; init; }

    /// <summary>The task's folder (or the suite file's folder for JSONL).</summary>
    public required string Root { get; init; }

    /// <summary>Why the task cannot run (no tests, a bad task.toml, …); null for a good task.</summary>
    public string? Problem { get; init; }

    /// <summary>The prompt.</summary>
    public string Instruction { get; init; } = "";

    /// <summary>Where the sandbox binds the workspace while verifying (Harbor: the Dockerfile's WORKDIR); null: its own path.</summary>
    public string? WorkDir { get; init; }

    /// <summary>Harbor: the <c>environment/</c> folder holding the Dockerfile (what <c>--env docker</c> builds).</summary>
    public string? Environment { get; init; }

    /// <summary>Files and folders copied into a fresh workspace: source (absolute) → path relative to the workspace.</summary>
    public IReadOnlyList<(string Source, string Target)> Files { get; init; } = [];

    /// <summary>Harbor: the tests folder, bound read-only at <c>/tests</c>; <c>tests/test.sh</c> is run.</summary>
    public string? TestsDir { get; init; }

    /// <summary>Polyglot and SWE: the test command, run with bash in the workspace.</summary>
    public string? TestCommand { get; init; }

    /// <summary>Files (relative) put back from the task before verifying, so an agent cannot pass by editing the tests.</summary>
    public IReadOnlyList<(string Source, string Target)> ProtectedFiles { get; init; } = [];

    /// <summary>Harbor: <c>solution/solve.sh</c>.</summary>
    public string? SolutionScript { get; init; }

    /// <summary>Polyglot: reference files copied over the solution files.</summary>
    public IReadOnlyList<(string Source, string Target)> SolutionFiles { get; init; } = [];

    /// <summary>SWE: the reference patch (a unified diff applied with git apply).</summary>
    public string? SolutionPatch { get; init; }

    /// <summary>SWE: the repository and the commit the workspace starts from.</summary>
    public string? Repository { get; init; }

    /// <inheritdoc cref="Repository"/>
    public string? BaseCommit { get; init; }

    /// <summary>Aider's second try: after a failed verification the agent gets the test output once more.</summary>
    public bool SecondTry { get; init; }

    /// <summary>How long the agent may work.</summary>
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long verification may take.</summary>
    public TimeSpan VerifierTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the task has a reference solution (for <c>--check</c>).</summary>
    public bool HasSolution => SolutionScript is not null || SolutionFiles.Count > 0 || SolutionPatch is not null;
}
