namespace Wright.Tasks.Git;

/// <summary>What a git command printed and how it ended.</summary>
public sealed record GitResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Whether it succeeded.</summary>
    public bool Ok => ExitCode == 0;
}
