namespace Wright.Core.Approvals;

/// <summary>
/// What a person is asked to approve: the tool, the normalised and de-obfuscated action, why it asks, and whether
/// "always allow" may be offered (never for calls gated by the trifecta guard). The engine fills in the call it belongs
/// to (<see cref="CallId"/>, <see cref="Arguments"/>), so a host shows exactly the call being approved.
/// </summary>
public sealed record ApprovalRequest(string Tool, string Action, string Reason, bool MayRemember, string? SuggestedRule)
{
    /// <summary>The id of the tool call this request is about (set by the engine).</summary>
    public string CallId { get; init; } = "";

    /// <summary>The call's arguments as compact JSON, after any pre-tool hook rewrote them (set by the engine).</summary>
    public string Arguments { get; init; } = "{}";

    /// <summary>
    /// Set when the call writes protected configuration (git metadata, hooks, CI, agent or editor settings): why. A run
    /// that cannot ask refuses such a call saying so.
    /// </summary>
    public string? ProtectedReason { get; init; }

    /// <summary>
    /// Set when a run that cannot ask must say more than "needs approval": the whole refusal (new dependencies: the
    /// evidence on each, and how to allow them).
    /// </summary>
    public string? UnattendedRefusal { get; init; }

    /// <summary>Whether a host may offer "yes, and don't ask again" (<see cref="SuggestedRule"/> is then the rule added).</summary>
    public bool CanRemember => MayRemember && SuggestedRule is not null;
}
