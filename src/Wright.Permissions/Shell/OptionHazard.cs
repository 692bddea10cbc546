namespace Wright.Permissions.Shell;

/// <summary>
/// Why a command's options, script or program text do more than its name says. <see cref="RuleOnly"/> marks hazards
/// that only an allow rule must not approve alone (writing a file inside the workspace, an option hidden behind a
/// glob); in the sandbox they are no worse than any other command. The rest always ask.
/// </summary>
public sealed record OptionHazard(string Reason, bool RuleOnly = false);
