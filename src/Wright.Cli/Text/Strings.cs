namespace Wright.Cli.Text;

/// <summary>
/// Every user-facing string of the CLI, in one place so that translations (zh-CN first) can follow.
/// Model-facing tool messages live with the tools.
/// </summary>
internal static partial class Strings
{
    public const string RootDescription = "Wright: a model-neutral coding agent. Run a task headless with -p, or start the interactive session.";
    public const string PromptOption = "Run headless with this prompt ('-' or no value reads it from stdin) and exit.";
    public const string ModelOption = "Model as provider/model, e.g. anthropic/claude-sonnet-4-5, deepseek/deepseek-chat, ollama/qwen3.";
    public const string MaxTurnsOption = "Stop after this many model requests (status max_turns).";
    public const string CwdOption = "Workspace directory (default: the current directory).";
    public const string OutputFormatOption = "Headless output: text (final answer), json (one result object), stream-json (one event per line).";
    public const string PermissionModeOption = "plan (read-only), ask, accept-edits, auto (sandboxed, the headless default where bwrap works) or yolo (no sandbox, no asking).";
    public const string EffortOption = "Reasoning effort: low, medium or high (mapped to each provider's setting).";
    public const string TrustDescription = "Trust this project's .wright/config.json, .wright/mcp.json and custom commands as they are now (mode, provider endpoints, allow rules, hooks, MCP servers, commands' allowed-tools).";

    public const string BadCwd = "the workspace directory does not exist: {0}";
    public const string NoPrompt = "no prompt: pass -p \"your task\" or pipe it on stdin.";
    public const string BudgetOption = "Stop the run once its cost reaches this many US dollars (status budget).";
    public const string BadOutputFormat = "unknown output format '{0}': use text, json or stream-json";
    public const string AllowOption = "Allow rule, e.g. 'shell(npm test)', 'edit(src/**)', 'web_fetch(domain:docs.python.org)' (repeatable).";
    public const string AskOption = "Ask rule: always ask before matching calls (repeatable).";
    public const string DenyOption = "Deny rule: never run matching calls (repeatable).";
    public const string AllowHomeWorkspaceOption = "Work in the home directory (or an ancestor of it, or /) without asking; otherwise headless runs refuse it.";
    public const string HomeWorkspaceQuestion =
        "{0} is your home directory {1}, an ancestor of it, or /: the agent could change your dotfiles, keys and shell startup files. Work here anyway? [y/N] ";
    public const string McpFailed = "MCP server '{0}' is unavailable: {1} (the session runs without its tools)";
    public const string McpDescription = "Manage MCP servers (user: $WRIGHT_HOME/mcp.json, project: .wright/mcp.json).";
    public const string ApplyPatchDescription = "Apply a Codex-format patch (argument, or stdin) to the current directory; prints the changed files.";
    public const string PatchArgument = "The patch text ('*** Begin Patch' … '*** End Patch'); omit or '-' to read stdin.";
    public const string McpListDescription = "List the configured MCP servers, start them and show their state and tools.";
    public const string McpAddDescription = "Add a server: wright mcp add NAME COMMAND [ARGS...] or wright mcp add NAME URL --transport http|sse.";
    public const string McpRemoveDescription = "Remove a server.";
    public const string McpScopeOption = "user (default) or project.";
    public const string McpEnvOption = "Environment variable for a stdio server, KEY=VALUE (repeatable).";
    public const string McpHeaderOption = "HTTP header for a remote server, 'Name: value' (repeatable).";
    public const string McpTransportOption = "stdio (default for commands), http (Streamable HTTP) or sse.";
    public const string McpAdded = "added MCP server '{0}' to {1}";
    public const string McpRemoved = "removed MCP server '{0}' from {1}";
    public const string McpNotFound = "no MCP server named '{0}' in {1}";
    public const string TuiElicitTitle = "MCP server '{0}' asks:";
    public const string TuiElicitUrlDeclined = "MCP server '{0}' asked to open a web page for input; Wright declines such requests.";
    public const string TuiElicitChoices = "Send? [y]es / [n]o, decline / Esc, cancel";
    public const string TuiElicitSent = "sent";
    public const string TuiElicitDeclined = "declined";
    public const string TuiElicitCancelled = "cancelled";
    public const string TuiElicitSeveral = "several, separated by commas";
    public const string TuiElicitNumber = "a number";
    public const string TuiElicitInteger = "a whole number";
    public const string TuiElicitDefault = "Enter: {0}";
    public const string McpLoginDescription = "Sign in to a remote MCP server (OAuth: opens the browser or prints the URL) and store its tokens.";
    public const string McpLogoutDescription = "Forget the stored sign-in of a remote MCP server.";
    public const string McpLoginNotRemote = "MCP server '{0}' runs as a command (stdio); only remote (http) servers sign in";
    public const string McpLoggedIn = "signed in to MCP server '{0}' ({1} tools); tokens stored in {2}";
    public const string McpNoLoginNeeded = "MCP server '{0}' answered without a sign-in ({1} tools); nothing stored";
    public const string McpLoggedOut = "signed out of MCP server '{0}' (its stored tokens are deleted)";
    public const string McpNotLoggedIn = "no stored sign-in for MCP server '{0}'";
    public const string McpUnknownServer = "no MCP server named '{0}' is configured (wright mcp list shows them)";
    public const string McpNone = "no MCP servers configured (add one with: wright mcp add NAME COMMAND [ARGS...])";
    public const string Trusted = "trusted {0} (sha256 {1})";
    public const string NothingToTrust = "no project config found (.wright/config.json or .wright/mcp.json) from {0} upwards";
    public const string Cancelled = "cancelled";
    public const string ErrorPrefix = "error: ";
    public const string Retrying = "retrying in {0:0.0}s (attempt {1}): {2}";

    public const string ContinueOption = "Continue the latest session of this directory.";
    public const string ResumeOption = "Resume the session with this id (or unique id prefix); see `wright sessions`.";
    public const string ForkOption = "With -c or -r: continue in a new session branched from that one (the original is left as it was).";
    public const string SessionsDescription = "List stored sessions of this directory (or all with --all), newest first: id, updated, turns, cost, directory, title.";
    public const string SessionsAllOption = "List the sessions of every directory.";
    public const string LimitOption = "Show at most this many rows.";
    public const string NoSessions = "no sessions yet.";
    public const string NoSessionsHere = "no sessions in {0} (try --all).";
    public const string ForkedFrom = " (fork of {0})";
    public const string SubagentOf = "subagent {0}: {1}";
    public const string SessionIdArgument = "Session id or unique id prefix (see `wright sessions`).";
    public const string ExportDescription = "Write a session as Markdown (default) or JSON Lines.";
    public const string ExportFormatOption = "markdown or jsonl.";
    public const string ExportOutputOption = "Write to this file instead of standard output.";
    public const string Exported = "exported {0} to {1}";
    public const string SearchDescription = "Full-text search over past sessions and memories; results cite session and turn.";
    public const string SearchQueryArgument = "Words to find (all must occur).";
    public const string NoSearchHits = "no matches.";
    public const string CostDescription = "Usage and cost by day (UTC) and model.";
    public const string CostDaysOption = "How many days back to sum (default 30).";
    public const string NoUsage = "no usage recorded in that period.";
    public const string CostTotal = "total: {0}";
    public const string CostUnpriced = "* some requests had no known price (see providers.<id>.models in config); their cost is unknown and not included.";
    public const string CostUnknown = "unknown";
    public const string CostPlusUnknown = " + ?";
    public const string Refused = "the model declined this request";
    public const string CompactModelOption = "Model (provider/model) that writes the summary when the context is compacted (default: the session's model).";
    public const string Compacted = "context compacted ({0}): {1} → {2} tokens";
    public const string CompactFailed = "context compaction failed: {0}";
    public const string NothingToCompact = "nothing to compact: the conversation is already short.";
    public const string InitDescription = "Look at the repository through the model and write (or improve) AGENTS.md; the model may only read and write that file.";
    public const string RewindDescription = "List a session's checkpoints, or restore one: files (shell changes included), conversation, or both (default).";
    public const string RewindTurnArgument = "The turn to go back to (before its changes); omit to list the checkpoints.";
    public const string RewindSessionOption = "Session id or prefix (default: the latest session of this directory).";
    public const string RewindFilesOption = "Restore only the files.";
    public const string RewindConversationOption = "Rewind only the conversation.";
    public const string RewindDiffOption = "Show what restoring the files would change, and change nothing.";
    public const string RewindSnapshotOption = "Restore the files to this snapshot id (e.g. the safety snapshot printed by an earlier rewind, to undo it).";
    public const string RewindHeader = "checkpoints of {0} ({1}):";
    public const string RewindNoCheckpoints = "no checkpoints: no turn of this session changed anything yet.";
    public const string RewindNoChanges = "no changes: the files are as they were at that checkpoint.";
    public const string RewindSkipped = "left alone: {0} ({1})";
    public const string RewindFilesRestored = "restored {0} file(s); to undo: wright rewind --snapshot {1}";
    public const string RewindConversationRestored = "conversation rewound: {0} message(s) kept; continue with wright -c";
    public const string RewindInHeadless = "/rewind is a command of its own here: run `wright rewind` to list the checkpoints and `wright rewind N` to go back.";
}
