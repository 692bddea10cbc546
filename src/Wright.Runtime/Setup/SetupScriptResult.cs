namespace Wright.Runtime.Setup;

/// <summary>How a setup script ended: its exit code (-1 when it was killed), whether its time ran out, and a note on a sandbox limit it hit.</summary>
public sealed record SetupScriptResult(int ExitCode, bool TimedOut, string? LimitNote)
{
    /// <summary>It exited with 0 in time.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
