namespace Wright.Permissions.Shell;

/// <summary>
/// A shell line broken into simple commands (of every list, pipeline, subshell and group), and the constructs that
/// make it impossible to judge statically (each forces an approval whatever the rules say).
/// </summary>
public sealed record ParsedShell(IReadOnlyList<SimpleCommand> Commands, IReadOnlyList<string> Hazards, string? Error)
{
    /// <summary>Whether rules alone may decide: parsed fine and nothing dynamic or dangerous.</summary>
    public bool IsStatic => Error is null && Hazards.Count == 0;
}
