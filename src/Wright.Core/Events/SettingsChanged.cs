namespace Wright.Core.Events;

/// <summary>
/// The session's settings changed (set model / mode / effort operations): what applies from the next request on.
/// <see cref="Mode"/> is the permission mode's name; <see cref="Effort"/> is null when the provider's default applies.
/// </summary>
public sealed record SettingsChanged(string Model, string Mode, string? Effort, bool Sandboxed) : AgentEvent;
