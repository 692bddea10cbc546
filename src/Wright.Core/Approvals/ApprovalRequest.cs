namespace Wright.Permissions;

/// <summary>
/// What a person is asked to approve: the tool, the normalised and de-obfuscated action, why it asks, and whether
/// "always allow" may be offered (never for calls gated by the trifecta guard).
/// </summary>
public sealed record ApprovalRequest(string Tool, string Action, string Reason, bool MayRemember, string? SuggestedRule);
