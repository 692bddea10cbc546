namespace Wright.Runtime.Protocol;

/// <summary>Send the next requests to <see cref="Model"/> (<c>provider/model</c>). Acknowledged by <c>SettingsChanged</c>.</summary>
public sealed record SetModel(string Model) : SessionOperation;
