using Wright.Core.Approvals;

namespace Wright.Core.Tools;

/// <summary>
/// A permission decision: allowed, denied (<see cref="Reason"/> is shown to the model), or to be asked
/// (<see cref="Request"/> is what a person sees; see <see cref="Ask"/>).
/// </summary>
public sealed record ToolApproval(bool Allowed, string? Reason = null)
{
    /// <summary>Set when a person must decide: the request to show them.</summary>
    public ApprovalRequest? Request { get; init; }

    /// <summary>Whether a person must decide before the call may run.</summary>
    public bool NeedsApproval => Request is not null;

    /// <summary>Allowed.</summary>
    public static ToolApproval Allow { get; } = new(true);

    /// <summary>Refused, with the reason the model should see.</summary>
    public static ToolApproval Deny(string reason) => new(false, reason);

    /// <summary>A person must decide; until then the call is not allowed.</summary>
    public static ToolApproval Ask(ApprovalRequest request) => new(false, request?.Reason) { Request = request };
}
