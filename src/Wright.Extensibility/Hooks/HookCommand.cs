namespace Wright.Extensibility.Hooks;

/// <summary>
/// One configured hook: the event, a matcher (tool-name regex for tool events; empty or <c>*</c> matches all), the
/// command (run with <c>bash -c</c>; it is the user's own configuration, never model input) and a timeout.
/// </summary>
public sealed record HookCommand(string Event, string? Matcher, string Command, TimeSpan Timeout, string Source);
