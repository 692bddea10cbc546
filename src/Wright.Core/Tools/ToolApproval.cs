namespace Wright.Core.Tools;

/// <summary>An approver's decision; <see cref="Reason"/> is shown to the model when the call is refused.</summary>
public sealed record ToolApproval(bool Allowed, string? Reason = null)
{
    /// <summary>Arguments to run the call with instead of the model's (a pre-tool hook rewrote them).</summary>
    public System.Text.Json.JsonElement? UpdatedArguments { get; init; }

    /// <summary>Allowed.</summary>
    public static ToolApproval Allow { get; } = new(true);

    /// <summary>Refused, with the reason the model should see.</summary>
    public static ToolApproval Deny(string reason) => new(false, reason);
}
