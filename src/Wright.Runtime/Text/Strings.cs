namespace Wright.Runtime.Text;

/// <summary>
/// Every user-facing string of the runtime (configuration, trust, composition), in one place so that translations
/// (zh-CN first) can follow. Model-facing tool messages live with the tools.
/// </summary>
internal static partial class Strings
{
    public const string AutoNeedsSandbox = "permission mode auto needs the bubblewrap sandbox, which is not available here ({0}); use --permission-mode plan, ask or yolo.";
    public const string BadBudget = "--max-budget-usd must be a positive amount, got {0}";
    public const string BadCompactThreshold = "compaction.threshold_percent must be between 10 and 99, got {0}";
    public const string BadCwd = "the workspace directory does not exist: {0}";
    public const string BadEffort = "unknown effort '{0}': use low, medium or high";
    public const string BadMaxTurns = "--max-turns must be a positive number, got {0}";
    public const string BadPermissionMode = "unknown permission mode '{0}': use plan, ask, accept-edits, auto or yolo";
    public const string BadSandboxNetwork = "{0}: {1}";
    public const string ConfigBadField = "{0}: {1} must be {2}";
    public const string ConfigUnreadable = "cannot read config {0}: {1}";
    public const string ContinueAndResume = "-c and -r cannot be used together";
    public const string ForkNeedsSession = "--fork needs -c or -r to say which session to branch";
    public const string LocalModelChosen = "no model configured; using the local {0}";
    public const string McpFailed = "MCP server '{0}' is unavailable: {1} (the session runs without its tools)";
    public const string McpOptionalFailed = "MCP server '{0}' is unavailable: {1} (it is marked \"required\": false, so the run goes on without it)";
    public const string McpRequiredFailed =
        "MCP server '{0}' is unavailable: {1}. Fix it, or mark it \"required\": false (or \"disabled\": true) in its mcp.json to run without it";
    public const string HomeWorkspaceRefused =
        "refusing to work in {0}: it is your home directory {1}, an ancestor of it, or /, which would put your dotfiles, keys and shell startup files in reach. Run Wright in a project directory, or pass --allow-home-workspace (or set \"allow_home_workspace\": true in your user config) if you mean it.";
    public const string UntrustedProjectLoosens =
        "ignoring \"{0}\" in {1}: an untrusted project config may only tighten, and this would loosen. Review it, then run `wright trust` to allow it.";
    public const string BudgetNeedsPrice =
        "--max-budget-usd needs the price of {0}, which Wright does not know, so the budget could not be enforced. " +
        "Set \"input_price\" and \"output_price\" (USD per million tokens) under providers.{1}.models.{2} in config.json, or run without a budget.";
    public const string NoModel =
        "no model configured. Pass --model provider/model (e.g. anthropic/claude-sonnet-4-5 or deepseek/deepseek-chat), " +
        "set WRIGHT_MODEL, or put \"model\" in {0}, and set the provider's key (e.g. ANTHROPIC_API_KEY). " +
        "No local Ollama (127.0.0.1:11434) or LM Studio (127.0.0.1:1234) answered.";
    public const string NothingToContinue = "no session to continue in {0}; start one with -p \"...\" (see `wright sessions`)";
    public const string UntrustedMcp =
        "not starting the MCP servers of {0}: this project file is not trusted. Review it, then run `wright trust` to allow it.";
    public const string UntrustedProjectAllow =
        "ignoring \"permissions.allow\" in {0}: this project config is not trusted. Review it, then run `wright trust` to allow it.";
    public const string UntrustedProjectConfig =
        "ignoring \"providers\" in {0}: this project config is not trusted. Review it, then run `wright trust` to allow it.";
    public const string UntrustedProjectHooks =
        "not running the hooks of {0}: this project config is not trusted. Review it, then run `wright trust` to allow it.";
    public const string UntrustedProjectSandboxNetwork =
        "{0}: sandbox.network is ignored until you trust this project config (wright trust); sandboxed commands stay offline.";
    public const string YoloBanner = "!! permission mode yolo: every tool runs without asking and without a sandbox";
    public const string ShellCancelled = "cancelled";
    public const string ShellNote = "$ {0}\n(I ran this command myself in the workspace; it was not a tool call of yours.)\n<output exit_code=\"{1}\">\n{2}</output>";
    public const string ShellTruncated = "[output truncated: the first {0:N0} of {1:N0} characters are shown]";
    public const string NoCheckpoint = "turn {0} of {1} has no checkpoint; turns with checkpoints: {2}";
}
