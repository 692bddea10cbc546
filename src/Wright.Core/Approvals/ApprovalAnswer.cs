namespace Wright.Permissions;

/// <summary>A person's answer to an approval request.</summary>
public sealed record ApprovalAnswer(bool Allowed, bool Remember = false, string? Feedback = null)
{
    /// <summary>Yes, this once.</summary>
    public static ApprovalAnswer Once { get; } = new(true);

    /// <summary>No, with optional feedback for the model.</summary>
    public static ApprovalAnswer No(string? feedback = null) => new(false, Feedback: feedback);
}
