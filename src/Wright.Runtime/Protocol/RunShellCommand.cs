namespace Wright.Runtime.Protocol;

/// <summary>Run the person's own shell command (<c>!cmd</c>); its output joins the conversation. Acknowledged by <c>ShellCommandFinished</c>.</summary>
public sealed record RunShellCommand(string Command) : SessionOperation;
