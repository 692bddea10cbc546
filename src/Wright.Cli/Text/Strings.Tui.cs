using Wright.Core.Localization;
namespace Wright.Cli.Text;

/// <summary>The interactive session's strings.</summary>
internal static partial class Strings
{
    public static string NoColorOption => UiLanguage.Pick("Do not colour the interactive session's output (NO_COLOR does the same).", StringsZhCN.NoColorOption);
    public static string TuiArchitectEditor => UiLanguage.Pick("architect/editor mode: {0} plans with read-only tools, {1} carries the plan out", StringsZhCN.TuiArchitectEditor);
    public static string TuiArchitectTurn => UiLanguage.Pick("architect {0} is planning", StringsZhCN.TuiArchitectTurn);
    public static string TuiEditorTurn => UiLanguage.Pick("editor {0} is carrying out the plan", StringsZhCN.TuiEditorTurn);
    public static string TuiWelcome => UiLanguage.Pick("Wright {0} · {1} · {2}. Enter sends, Alt-Enter or a trailing \\ adds a line, Esc interrupts a turn, @path attaches a file, !cmd runs a command, /help lists commands, Ctrl-D exits.", StringsZhCN.TuiWelcome);
    public static string TuiResumed => UiLanguage.Pick("Resumed session {0} ({1} messages).", StringsZhCN.TuiResumed);
    public static string TuiCtrlCAgain => UiLanguage.Pick("Press Ctrl-C again (or Ctrl-D) to exit.", StringsZhCN.TuiCtrlCAgain);
    public static string TuiInterrupted => UiLanguage.Pick("Interrupted. What should Wright do instead?", StringsZhCN.TuiInterrupted);
    public static string TuiStatus => UiLanguage.Pick("{0} · {1} · context {2}% · {3} · sandbox {4}", StringsZhCN.TuiStatus);
    public static string TuiSandboxOn => UiLanguage.Pick("on", StringsZhCN.TuiSandboxOn);
    public static string TuiSandboxOff => UiLanguage.Pick("off", StringsZhCN.TuiSandboxOff);
    public static string TuiCostUnknown => UiLanguage.Pick("cost unknown", StringsZhCN.TuiCostUnknown);
    public static string TuiApprovalTitle => UiLanguage.Pick("{0} needs your approval:", StringsZhCN.TuiApprovalTitle);
    public static string TuiApprovalWhy => UiLanguage.Pick("why: {0}", StringsZhCN.TuiApprovalWhy);
    public static string TuiApprovalChoices => UiLanguage.Pick("[y] yes  [n] no (then say why)", StringsZhCN.TuiApprovalChoices);
    public static string TuiApprovalChoicesRemember => UiLanguage.Pick("[y] yes  [a] yes, and don't ask again for {0}  [n] no (then say why)", StringsZhCN.TuiApprovalChoicesRemember);
    public static string TuiApprovalFeedback => UiLanguage.Pick("what should it do instead? (Enter to skip) ", StringsZhCN.TuiApprovalFeedback);
    public static string TuiApproved => UiLanguage.Pick("approved", StringsZhCN.TuiApproved);
    public static string TuiApprovedRemember => UiLanguage.Pick("approved; {0} is allowed for the rest of this session", StringsZhCN.TuiApprovedRemember);
    public static string TuiDeclined => UiLanguage.Pick("declined", StringsZhCN.TuiDeclined);
    public static string TuiToolRunning => UiLanguage.Pick("running", StringsZhCN.TuiToolRunning);
    public static string TuiTodos => UiLanguage.Pick("Todos", StringsZhCN.TuiTodos);
    public static string TuiNoTodos => UiLanguage.Pick("No todos yet.", StringsZhCN.TuiNoTodos);
    public static string TuiRetrying => UiLanguage.Pick("retrying in {0:0.#} s (attempt {1}): {2}", StringsZhCN.TuiRetrying);
    public static string TuiDiscarded => UiLanguage.Pick("(the partial response above was discarded and is being retried)", StringsZhCN.TuiDiscarded);
    public static string TuiThought => UiLanguage.Pick("✻ Thought for {0:0.0}s · {1} words (ctrl-o to expand)", StringsZhCN.TuiThought);
    public static string TuiThinking => UiLanguage.Pick("✻ ", StringsZhCN.TuiThinking);
    public static string TuiThinkingTitle => UiLanguage.Pick("✻ Thinking", StringsZhCN.TuiThinkingTitle);
    public static string TuiMoreLines => UiLanguage.Pick("… +{0} lines (ctrl-o to expand)", StringsZhCN.TuiMoreLines);
    public static string TuiTableMoreRow => UiLanguage.Pick("… {0} more table row", StringsZhCN.TuiTableMoreRow);
    public static string TuiTableMoreRows => UiLanguage.Pick("… {0} more table rows", StringsZhCN.TuiTableMoreRows);
    public static string TuiCutLines => UiLanguage.Pick("… (ctrl-o to expand)", StringsZhCN.TuiCutLines);
    public static string TuiNothingToExpand => UiLanguage.Pick("Nothing to expand: the last turn's reasoning and tool output are shown in full.", StringsZhCN.TuiNothingToExpand);
    public static string TuiRunEnded => UiLanguage.Pick("stopped: {0}", StringsZhCN.TuiRunEnded);
    public static string TuiGoodbye => UiLanguage.Pick("Session {0} saved; continue it with wright -c or wright -r {0}.", StringsZhCN.TuiGoodbye);

    public static string TuiPastedLines => UiLanguage.Pick("[Pasted text #{0} +{1} lines]", StringsZhCN.TuiPastedLines);
    public static string TuiPastedChars => UiLanguage.Pick("[Pasted text #{0} {2} chars]", StringsZhCN.TuiPastedChars);
    public static string TuiMentionAttached => UiLanguage.Pick("attached {0} ({1:N0} bytes)", StringsZhCN.TuiMentionAttached);
    public static string TuiMentionTruncated => UiLanguage.Pick("attached the first {1:N0} of {2:N0} bytes of {0}", StringsZhCN.TuiMentionTruncated);
    public static string TuiMentionTruncatedBody => UiLanguage.Pick("[truncated: only the first {0:N0} of {1:N0} bytes are shown]", StringsZhCN.TuiMentionTruncatedBody);
    public static string TuiMentionBinary => UiLanguage.Pick("{0} is a binary file ({1:N0} bytes); its contents were not attached", StringsZhCN.TuiMentionBinary);
    public static string TuiMentionBinaryBody => UiLanguage.Pick("[binary file, {0:N0} bytes: contents not attached]", StringsZhCN.TuiMentionBinaryBody);
    public static string TuiMentionDirectory => UiLanguage.Pick("attached the listing of {0} ({1} entries)", StringsZhCN.TuiMentionDirectory);
    public static string TuiMentionMoreEntries => UiLanguage.Pick("[{0} more entries]", StringsZhCN.TuiMentionMoreEntries);
    public static string TuiMentionOutside => UiLanguage.Pick("@{0} is outside the workspace; not attached", StringsZhCN.TuiMentionOutside);
    public static string TuiMentionUnreadable => UiLanguage.Pick("@{0} could not be read: {1}", StringsZhCN.TuiMentionUnreadable);
    public static string TuiShellExit => UiLanguage.Pick("exit {0}", StringsZhCN.TuiShellExit);
    public static string TuiShellMoreLines => UiLanguage.Pick("… {0} more lines (the model sees up to {1:N0} characters)", StringsZhCN.TuiShellMoreLines);
    public static string TuiShellFailed => UiLanguage.Pick("could not run the command: {0}", StringsZhCN.TuiShellFailed);
    // The command comes first: the first line of a session's first message becomes its title.

    public static string TuiHelp => UiLanguage.Pick("""
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
        """, StringsZhCN.TuiHelp);
    public static string TuiUnknownCommand => UiLanguage.Pick("unknown command {0}; /help lists them.", StringsZhCN.TuiUnknownCommand);
    public static string TuiModelUsage => UiLanguage.Pick("usage: /model provider/model (now {0})", StringsZhCN.TuiModelUsage);
    public static string TuiModelSwitched => UiLanguage.Pick("model: {0}", StringsZhCN.TuiModelSwitched);
    public static string TuiModelAvailable => UiLanguage.Pick("known models with a key set:", StringsZhCN.TuiModelAvailable);
    public static string TuiCommandModel => UiLanguage.Pick("/{0} runs on {1} for this turn", StringsZhCN.TuiCommandModel);
    public static string TuiModeUsage => UiLanguage.Pick("usage: /mode plan|ask|accept-edits|auto|yolo (now {0})", StringsZhCN.TuiModeUsage);
    public static string TuiModeSwitched => UiLanguage.Pick("mode: {0}", StringsZhCN.TuiModeSwitched);
    public static string TuiEffortUsage => UiLanguage.Pick("usage: /effort low|medium|high", StringsZhCN.TuiEffortUsage);
    public static string TuiEffortSet => UiLanguage.Pick("effort: {0}", StringsZhCN.TuiEffortSet);
    public static string TuiCost => UiLanguage.Pick("this session: {0:N0} input and {1:N0} output tokens; {2}", StringsZhCN.TuiCost);
    public static string TuiContext => UiLanguage.Pick("context: about {0:N0} of {1:N0} tokens ({2}%) in {3} messages", StringsZhCN.TuiContext);
    public static string TuiContextLargest => UiLanguage.Pick("largest items:", StringsZhCN.TuiContextLargest);
    public static string TuiContextTokens => UiLanguage.Pick("tokens", StringsZhCN.TuiContextTokens);

    /// <summary>The name of a kind of context content, as /context lists it.</summary>
    public static string ContextPartName(Wright.Core.Context.ContextPartKind kind) => kind switch
    {
        Wright.Core.Context.ContextPartKind.SystemPrompt => UiLanguage.Pick("system prompt", "系统提示词"),
        Wright.Core.Context.ContextPartKind.ToolDefinitions => UiLanguage.Pick("tool definitions", "工具定义"),
        Wright.Core.Context.ContextPartKind.UserMessages => UiLanguage.Pick("your messages", "你的消息"),
        Wright.Core.Context.ContextPartKind.Summary => UiLanguage.Pick("compaction summary", "压缩摘要"),
        Wright.Core.Context.ContextPartKind.AssistantMessages => UiLanguage.Pick("model's answers", "模型的回答"),
        Wright.Core.Context.ContextPartKind.ToolCalls => UiLanguage.Pick("tool calls", "工具调用"),
        Wright.Core.Context.ContextPartKind.ToolResults => UiLanguage.Pick("tool results", "工具结果"),
        _ => kind.ToString(),
    };
    public static string TuiRewindNone => UiLanguage.Pick("No checkpoints yet: a checkpoint is taken before each turn's first change.", StringsZhCN.TuiRewindNone);
    public static string TuiRewindHint => UiLanguage.Pick("/rewind N restores the files and the conversation to before turn N.", StringsZhCN.TuiRewindHint);
    public static string TuiRewound => UiLanguage.Pick("Restored to before turn {0}; safety snapshot {1} (undo with wright rewind --snapshot {1}).", StringsZhCN.TuiRewound);
    public static string TuiNoMemories => UiLanguage.Pick("No memories yet: the model's remember tool adds them.", StringsZhCN.TuiNoMemories);
    public static string TuiNeedsPrompt => UiLanguage.Pick("--output-format is for headless runs: pass -p \"your task\" (or pipe it on stdin), or drop --output-format for the interactive session.", StringsZhCN.TuiNeedsPrompt);
}
