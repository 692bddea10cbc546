namespace Wright.Acp.Text;

/// <summary>Every user-facing string of the ACP host: errors the client shows, tool titles, permission options, modes.</summary>
internal static class Strings
{
    // JSON-RPC errors
    public const string ParseError = "parse error: the line is not JSON ({0})";
    public const string BatchUnsupported = "invalid request: batches are not supported; send one message per line";
    public const string NotAnObject = "invalid request: a message must be a JSON object";
    public const string BadId = "invalid request: \"id\" must be a string or a number";
    public const string NotJsonRpc2 = "invalid request: \"jsonrpc\" must be \"2.0\"";
    public const string BadMethod = "invalid request: \"method\" must be a string";
    public const string MethodNotFound = "method not found: {0}";
    public const string ParamsNotObject = "\"params\" must be an object";
    public const string ParamMissing = "\"{0}\" is required";
    public const string ParamNotString = "\"{0}\" must be a string";
    public const string ParamNotArray = "\"{0}\" must be an array";
    public const string CwdNotAbsolute = "\"cwd\" must be an absolute path, got \"{0}\"";
    public const string CwdMissing = "\"cwd\" is not a directory: {0}";
    public const string UnknownSession = "unknown session \"{0}\" (start one with session/new or session/load)";
    public const string PromptInProgress = "a prompt is already running in session \"{0}\"; cancel it first";
    public const string EmptyPrompt = "\"prompt\" holds no text, resource or resource link";
    public const string BadContentBlock = "\"prompt\"[{0}] is not a content block";
    public const string UnsupportedContent = "\"prompt\"[{0}]: {1} content is not supported (promptCapabilities says so)";
    public const string BadMcpServer = "\"mcpServers\"[{0}]: {1}";
    public const string McpServerNeedsName = "a server needs a \"name\" and a \"command\" or \"url\"";
    public const string McpServerBadUrl = "\"url\" must be an absolute http(s) URL";
    public const string UnknownMode = "unknown mode \"{0}\"; the modes are {1}";
    public const string RunFailed = "the run failed: {0}";
    public const string SessionStartFailed = "{0}";
    public const string ClientServerSource = "ACP client";

    // Permission options
    public const string AllowOnce = "Allow once";
    public const string AllowAlways = "Allow always ({0})";
    public const string RejectOnce = "Reject";
    public const string RejectAlways = "Reject always ({0})";
    public const string ClientCouldNotAsk = "the editor could not ask the person: {0}";

    // The client's file system
    public const string ClientFsError = "the editor answered {0} with an error: {1}";
    public const string ClientFsTimeout = "the editor did not answer {0} within {1} seconds";
    public const string ClientFsGone = "the editor went away before it answered {0}";
    public const string ClientFsBadAnswer = "the editor's answer to {0} has no \"content\" text";
    public const string ClientFsOutside = "{0} is not inside the workspace; only workspace files go through the editor";

    // Modes
    public const string ModePlan = "Plan";
    public const string ModePlanDescription = "Read and plan only: nothing is changed and no command runs.";
    public const string ModeAsk = "Ask";
    public const string ModeAskDescription = "Ask before every edit and command.";
    public const string ModeAcceptEdits = "Accept edits";
    public const string ModeAcceptEditsDescription = "Edit files in the workspace without asking; ask before commands.";
    public const string ModeAuto = "Auto";
    public const string ModeAutoDescription = "Run commands in the sandbox and edit the workspace without asking.";
    public const string ModeYolo = "Yolo";
    public const string ModeYoloDescription = "No sandbox and no questions (only deny rules still hold).";

    // Updates
    public const string BudgetReached = "\n\n[Wright stopped: the run reached its cost budget.]";
    public const string ResponseRetried = "\n\n[The response was cut off and is being retried.]\n\n";
    public const string SkillCommandHint = "what to use the skill for";
    public const string CommandHint = "arguments";
    public const string UseSkill = "Use the skill \"{0}\" (load it with the skill tool).";
    public const string ContextFile = "Context from {0}:";

    // Tool titles
    public const string TitleRead = "Read {0}";
    public const string TitleReadFrom = "Read {0} (from line {1})";
    public const string TitleWrite = "Write {0}";
    public const string TitleEdit = "Edit {0}";
    public const string TitlePatch = "Apply patch";
    public const string TitleGrep = "Search for `{0}`";
    public const string TitleGrepIn = "Search for `{0}` in {1}";
    public const string TitleGlob = "Find files `{0}`";
    public const string TitleList = "List {0}";
    public const string TitleShell = "Run `{0}`";
    public const string TitleShellOutput = "Read background job output";
    public const string TitleShellKill = "Stop background job";
    public const string TitleFetch = "Fetch {0}";
    public const string TitleSearchWeb = "Search the web for {0}";
    public const string TitleTodo = "Update the plan";
    public const string TitleTask = "Delegate: {0}";
    public const string TitleSkill = "Load skill {0}";
    public const string TitleRemember = "Remember";
    public const string TitleRecall = "Recall {0}";
    public const string TitleMcp = "{0}: {1}";
}
