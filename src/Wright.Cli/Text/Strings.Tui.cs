namespace Wright.Cli.Text;

/// <summary>The interactive session's strings.</summary>
internal static partial class Strings
{
    public const string NoColorOption = "Do not colour the interactive session's output (NO_COLOR does the same).";
    public const string TuiWelcome = "Wright {0} · {1} · {2}. Enter sends, Alt-Enter or a trailing \\ adds a line, Esc interrupts a turn, @path attaches a file, !cmd runs a command, /help lists commands, Ctrl-D exits.";
    public const string TuiResumed = "Resumed session {0} ({1} messages).";
    public const string TuiCtrlCAgain = "Press Ctrl-C again (or Ctrl-D) to exit.";
    public const string TuiInterrupted = "Interrupted. What should Wright do instead?";
    public const string TuiStatus = "{0} · {1} · context {2}% · {3} · sandbox {4}";
    public const string TuiSandboxOn = "on";
    public const string TuiSandboxOff = "off";
    public const string TuiCostUnknown = "cost unknown";
    public const string TuiApprovalTitle = "{0} needs your approval:";
    public const string TuiApprovalWhy = "why: {0}";
    public const string TuiApprovalChoices = "[y] yes  [n] no (then say why)";
    public const string TuiApprovalChoicesRemember = "[y] yes  [a] yes, and don't ask again for {0}  [n] no (then say why)";
    public const string TuiApprovalFeedback = "what should it do instead? (Enter to skip) ";
    public const string TuiApproved = "approved";
    public const string TuiApprovedRemember = "approved; {0} is allowed for the rest of this session";
    public const string TuiDeclined = "declined";
    public const string TuiToolRunning = "running";
    public const string TuiTodos = "Todos";
    public const string TuiNoTodos = "No todos yet.";
    public const string TuiRetrying = "retrying in {0:0.#} s (attempt {1}): {2}";
    public const string TuiDiscarded = "(the partial response above was discarded and is being retried)";
    public const string TuiThought = "✻ Thought for {0:0.0}s · {1} words (ctrl-o to expand)";
    public const string TuiThinking = "✻ ";
    public const string TuiThinkingTitle = "✻ Thinking";
    public const string TuiMoreLines = "… +{0} lines (ctrl-o to expand)";
    public const string TuiTableMoreRow = "… {0} more table row";
    public const string TuiTableMoreRows = "… {0} more table rows";
    public const string TuiCutLines = "… (ctrl-o to expand)";
    public const string TuiNothingToExpand = "Nothing to expand: the last turn's reasoning and tool output are shown in full.";
    public const string TuiRunEnded = "stopped: {0}";
    public const string TuiGoodbye = "Session {0} saved; continue it with wright -c or wright -r {0}.";

    public const string TuiPastedLines = "[Pasted text #{0} +{1} lines]";
    public const string TuiPastedChars = "[Pasted text #{0} {2} chars]";
    public const string TuiMentionAttached = "attached {0} ({1:N0} bytes)";
    public const string TuiMentionTruncated = "attached the first {1:N0} of {2:N0} bytes of {0}";
    public const string TuiMentionTruncatedBody = "[truncated: only the first {0:N0} of {1:N0} bytes are shown]";
    public const string TuiMentionBinary = "{0} is a binary file ({1:N0} bytes); its contents were not attached";
    public const string TuiMentionBinaryBody = "[binary file, {0:N0} bytes: contents not attached]";
    public const string TuiMentionDirectory = "attached the listing of {0} ({1} entries)";
    public const string TuiMentionMoreEntries = "[{0} more entries]";
    public const string TuiMentionOutside = "@{0} is outside the workspace; not attached";
    public const string TuiMentionUnreadable = "@{0} could not be read: {1}";
    public const string TuiShellExit = "exit {0}";
    public const string TuiShellMoreLines = "… {0} more lines (the model sees up to {1:N0} characters)";
    public const string TuiShellFailed = "could not run the command: {0}";
    // The command comes first: the first line of a session's first message becomes its title.

    public const string TuiHelp = """
        Input:
          Enter sends; Alt-Enter or a trailing \ adds a line; Up/Down walk the history
          Esc (or Ctrl-C) interrupts a turn; keys typed while it runs wait in the next prompt
          @path                 attach a file (or a directory listing); Tab completes the path
          !command              run a shell command yourself (unsandboxed); the model sees its output
          paste                 large pastes show as [Pasted text #N] and are sent in full
        Commands:
          /help                 this list
          /model provider/model switch the model (the conversation is kept)
          /mode MODE            permission mode: plan, ask, accept-edits, auto or yolo
          /effort low|medium|high
          /compact              compact the conversation now
          /cost                 this session's tokens and cost
          /context              how full the context window is
          /todos                the current todo list
          /expand               the last turn's reasoning and tool output in full (also Ctrl-O)
          /rewind [N]           list checkpoints, or restore files and conversation to before turn N
          /init                 have the model write AGENTS.md for this repository
          /memory               what Wright remembers for this project and for you
          /sessions             recent sessions of this directory
          /resume ID            switch to another session
          /clear                clear the screen and start a new session
          /quit                 exit (also Ctrl-D, or Ctrl-C twice)
        Custom commands (from .wright/commands and $WRIGHT_HOME/commands):
        """;
    public const string TuiUnknownCommand = "unknown command {0}; /help lists them.";
    public const string TuiModelUsage = "usage: /model provider/model (now {0})";
    public const string TuiModelSwitched = "model: {0}";
    public const string TuiModelAvailable = "known models with a key set:";
    public const string TuiCommandModel = "/{0} runs on {1} for this turn";
    public const string TuiModeUsage = "usage: /mode plan|ask|accept-edits|auto|yolo (now {0})";
    public const string TuiModeSwitched = "mode: {0}";
    public const string TuiEffortUsage = "usage: /effort low|medium|high";
    public const string TuiEffortSet = "effort: {0}";
    public const string TuiCost = "this session: {0:N0} input and {1:N0} output tokens; {2}";
    public const string TuiContext = "context: about {0:N0} of {1:N0} tokens ({2}%) in {3} messages";
    public const string TuiContextLargest = "largest items:";
    public const string TuiContextTokens = "tokens";

    /// <summary>The name of a kind of context content, as /context lists it.</summary>
    public static string ContextPartName(Wright.Core.Context.ContextPartKind kind) => kind switch
    {
        Wright.Core.Context.ContextPartKind.SystemPrompt => "system prompt",
        Wright.Core.Context.ContextPartKind.ToolDefinitions => "tool definitions",
        Wright.Core.Context.ContextPartKind.UserMessages => "your messages",
        Wright.Core.Context.ContextPartKind.Summary => "compaction summary",
        Wright.Core.Context.ContextPartKind.AssistantMessages => "model's answers",
        Wright.Core.Context.ContextPartKind.ToolCalls => "tool calls",
        Wright.Core.Context.ContextPartKind.ToolResults => "tool results",
        _ => kind.ToString(),
    };
    public const string TuiRewindNone = "No checkpoints yet: a checkpoint is taken before each turn's first change.";
    public const string TuiRewindHint = "/rewind N restores the files and the conversation to before turn N.";
    public const string TuiRewound = "Restored to before turn {0}; safety snapshot {1} (undo with wright rewind --snapshot {1}).";
    public const string TuiNoMemories = "No memories yet: the model's remember tool adds them.";
    public const string TuiNeedsPrompt = "--output-format is for headless runs: pass -p \"your task\" (or pipe it on stdin), or drop --output-format for the interactive session.";
}
