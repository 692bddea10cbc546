namespace Wright.Permissions.Shell;

/// <summary>What the permission layer knows about a shell command: its parts and why rules alone cannot approve it.</summary>
public sealed record CommandAssessment(ParsedShell Parsed, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// Reasons only an allow rule may not decide alone (a file written through an option, an option hidden behind a
    /// glob): they ask when a rule would allow the command, not when the mode runs it in the sandbox anyway.
    /// </summary>
    public IReadOnlyList<string> RuleReasons { get; init; } = [];

    /// <summary>Whether rules may decide alone (no reason to ask).</summary>
    public bool RulesMayDecide => Reasons.Count == 0 && RuleReasons.Count == 0;
}
