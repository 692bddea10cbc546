namespace Wright.Extensibility.Hooks;

/// <summary>Hook events, named as in Claude Code's hooks so existing configurations carry over.</summary>
public static class HookEvent
{
    public const string SessionStart = "SessionStart";
    public const string UserPromptSubmit = "UserPromptSubmit";
    public const string PreToolUse = "PreToolUse";
    public const string PostToolUse = "PostToolUse";
    public const string PreCompact = "PreCompact";
    public const string Stop = "Stop";
    public const string SubagentStop = "SubagentStop";

    /// <summary>All known names.</summary>
    public static IReadOnlyList<string> All { get; } = [SessionStart, UserPromptSubmit, PreToolUse, PostToolUse, PreCompact, Stop, SubagentStop];
}
