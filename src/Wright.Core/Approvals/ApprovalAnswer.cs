namespace Wright.Core.Approvals;

/// <summary>
/// The answer to an approval request: yes (once, or <see cref="Remember"/>: also for the rest of the session), or no
/// (once, or <see cref="Remember"/>: refuse calls like it for the rest of the session) with optional feedback for the model. A policy that refuses for the person (headless) sets <see cref="Reason"/>,
/// which the model then sees as it is.
/// </summary>
public sealed record ApprovalAnswer(bool Allowed, bool Remember = false, string? Feedback = null)
{
    /// <summary>Why a policy refused (shown to the model verbatim); null for a person's answer.</summary>
    public string? Reason { get; init; }

    /// <summary>Yes, this once.</summary>
    public static ApprovalAnswer Once { get; } = new(true);

    /// <summary>Yes, and allow calls like it for the rest of the session (only when the request may be remembered).</summary>
    public static ApprovalAnswer Always { get; } = new(true, Remember: true);

    /// <summary>No, and refuse calls like it for the rest of the session (where the request names a rule).</summary>
    public static ApprovalAnswer Never { get; } = new(false, Remember: true);

    /// <summary>No, with optional feedback for the model.</summary>
    public static ApprovalAnswer No(string? feedback = null) => new(false, Feedback: feedback);

    /// <summary>No, on a policy's behalf: <paramref name="reason"/> is what the model sees.</summary>
    public static ApprovalAnswer Refuse(string reason) => new(false) { Reason = reason };
}
