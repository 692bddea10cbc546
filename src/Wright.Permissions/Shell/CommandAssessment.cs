namespace Wright.Permissions.Shell;

/// <summary>What the permission layer knows about a shell command: its parts and why rules alone cannot approve it.</summary>
public sealed record CommandAssessment(ParsedShell Parsed, IReadOnlyList<string> Reasons)
{
    /// <summary>Whether rules may decide alone (no reason to ask).</summary>
    public bool RulesMayDecide => Reasons.Count == 0;
}
