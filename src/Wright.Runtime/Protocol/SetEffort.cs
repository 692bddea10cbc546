namespace Wright.Runtime.Protocol;

/// <summary>Set the reasoning effort (low, medium, high; null: the provider's default). Acknowledged by <c>SettingsChanged</c>.</summary>
public sealed record SetEffort(string? Effort) : SessionOperation;
