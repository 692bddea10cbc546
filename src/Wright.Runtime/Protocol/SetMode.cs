namespace Wright.Runtime.Protocol;

/// <summary>Set the permission mode (plan, ask, accept-edits, auto, yolo; the sandbox follows). Acknowledged by <c>SettingsChanged</c>.</summary>
public sealed record SetMode(string Mode) : SessionOperation;
