namespace Wright.Core.Engine;

/// <summary>What a prompt hook decided: block (with a reason for the user), or pass with optional extra context.</summary>
public sealed record HookOutcome(bool Blocked, string? Reason = null, string? AdditionalContext = null)
{
    /// <summary>Nothing to do.</summary>
    public static HookOutcome Pass { get; } = new(false);
}
