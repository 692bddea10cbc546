using Wright.Core.Localization;
namespace Wright.Runtime.Text;

/// <summary>
/// Every user-facing string of the runtime (configuration, trust, composition), in one place so that translations
/// (zh-CN first) can follow. Model-facing tool messages live with the tools.
/// </summary>
internal static partial class Strings
{
    public static string AutoNeedsSandbox => UiLanguage.Pick("permission mode auto needs the bubblewrap sandbox, which is not available here ({0}); use --permission-mode plan, ask or yolo.", StringsZhCN.AutoNeedsSandbox);
    public static string BadBudget => UiLanguage.Pick("--max-budget-usd must be a positive amount, got {0}", StringsZhCN.BadBudget);
    public static string BadCompactThreshold => UiLanguage.Pick("compaction.threshold_percent must be between 10 and 99, got {0}", StringsZhCN.BadCompactThreshold);
    public static string BadCwd => UiLanguage.Pick("the workspace directory does not exist: {0}", StringsZhCN.BadCwd);
    public static string BadEffort => UiLanguage.Pick("unknown effort '{0}': use low, medium or high", StringsZhCN.BadEffort);
    public static string BadMaxTurns => UiLanguage.Pick("--max-turns must be a positive number, got {0}", StringsZhCN.BadMaxTurns);
    public static string BadPermissionMode => UiLanguage.Pick("unknown permission mode '{0}': use plan, ask, accept-edits, auto or yolo", StringsZhCN.BadPermissionMode);
    public static string BadSandboxNetwork => UiLanguage.Pick("{0}: {1}", StringsZhCN.BadSandboxNetwork);
    public static string ConfigBadField => UiLanguage.Pick("{0}: {1} must be {2}", StringsZhCN.ConfigBadField);
    public static string ConfigUnreadable => UiLanguage.Pick("cannot read config {0}: {1}", StringsZhCN.ConfigUnreadable);
    public static string ProjectFileUnreadable => UiLanguage.Pick("{0} is ignored: a project's settings are read only as a regular file of at most 1 MB, and never through a link leading out of the project (it is missing, a FIFO, a device, too large or such a link).", StringsZhCN.ProjectFileUnreadable);
    public static string ContinueAndResume => UiLanguage.Pick("-c and -r cannot be used together", StringsZhCN.ContinueAndResume);
    public static string ForkNeedsSession => UiLanguage.Pick("--fork needs -c or -r to say which session to branch", StringsZhCN.ForkNeedsSession);
    public static string LocalModelChosen => UiLanguage.Pick("no model configured; using the local {0}", StringsZhCN.LocalModelChosen);
    public static string McpFailed => UiLanguage.Pick("MCP server '{0}' is unavailable: {1} (the session runs without its tools)", StringsZhCN.McpFailed);
    public static string McpOptionalFailed => UiLanguage.Pick("MCP server '{0}' is unavailable: {1} (it is marked \"required\": false, so the run goes on without it)", StringsZhCN.McpOptionalFailed);
    public static string McpRequiredFailed => UiLanguage.Pick("MCP server '{0}' is unavailable: {1}. Fix it, or mark it \"required\": false (or \"disabled\": true) in its mcp.json to run without it", StringsZhCN.McpRequiredFailed);
    public static string HomeWorkspaceRefused => UiLanguage.Pick("refusing to work in {0}: it is your home directory {1}, an ancestor of it, or /, which would put your dotfiles, keys and shell startup files in reach. Run Wright in a project directory, or pass --allow-home-workspace (or set \"allow_home_workspace\": true in your user config) if you mean it.", StringsZhCN.HomeWorkspaceRefused);
    public static string ProjectFleetIgnored => UiLanguage.Pick("ignoring \"fleet\" in {0}: a fleet's database and secret are this machine's, not a project's; set them in $WRIGHT_HOME/config.json.", StringsZhCN.ProjectFleetIgnored);
    public static string UntrustedProjectLoosens => UiLanguage.Pick("ignoring \"{0}\" in {1}: an untrusted project config may only tighten, and this would loosen. Review it, then run `wright trust` to allow it.", StringsZhCN.UntrustedProjectLoosens);
    public static string BudgetNeedsPrice => UiLanguage.Pick("--max-budget-usd needs the price of {0}, which Wright does not know, so the budget could not be enforced. " +
        "Set \"input_price\" and \"output_price\" (USD per million tokens) under providers.{1}.models.{2} in config.json, or run without a budget.", StringsZhCN.BudgetNeedsPrice);
    public static string SetupBadVariable => UiLanguage.Pick("'{0}' is not an environment variable name (letters, digits and _)", StringsZhCN.SetupBadVariable);
    public static string NoModel => UiLanguage.Pick("no model configured. Pass --model provider/model (e.g. anthropic/claude-sonnet-4-5 or deepseek/deepseek-chat), " +
        "set WRIGHT_MODEL, or put \"model\" in {0}, and set the provider's key (e.g. ANTHROPIC_API_KEY). " +
        "No local Ollama (127.0.0.1:11434) or LM Studio (127.0.0.1:1234) answered.", StringsZhCN.NoModel);
    public static string NothingToContinue => UiLanguage.Pick("no session to continue in {0}; start one with -p \"...\" (see `wright sessions`)", StringsZhCN.NothingToContinue);
    public static string UntrustedMcp => UiLanguage.Pick("not starting the MCP servers of {0}: this project file is not trusted. Review it, then run `wright trust` to allow it.", StringsZhCN.UntrustedMcp);
    public static string UntrustedProjectAllow => UiLanguage.Pick("ignoring \"permissions.allow\" in {0}: this project config is not trusted. Review it, then run `wright trust` to allow it.", StringsZhCN.UntrustedProjectAllow);
    public static string UntrustedProjectConfig => UiLanguage.Pick("ignoring \"providers\" in {0}: this project config is not trusted. Review it, then run `wright trust` to allow it.", StringsZhCN.UntrustedProjectConfig);
    public static string UntrustedProjectHooks => UiLanguage.Pick("not running the hooks of {0}: this project config is not trusted. Review it, then run `wright trust` to allow it.", StringsZhCN.UntrustedProjectHooks);
    public static string UntrustedProjectSandboxNetwork => UiLanguage.Pick("{0}: sandbox.network is ignored until you trust this project config (wright trust); sandboxed commands stay offline.", StringsZhCN.UntrustedProjectSandboxNetwork);
    public static string SetupNotTrusted => UiLanguage.Pick("the setup script is not trusted as it is now; it does not run (review it, then run `wright trust` in the repository)", StringsZhCN.SetupNotTrusted);
    public static string SetupNeedsSandbox => UiLanguage.Pick("the setup script runs only inside the sandbox, which is not available here ({0})", StringsZhCN.SetupNeedsSandbox);
    public static string YoloBanner => UiLanguage.Pick("!! permission mode yolo: every tool runs without asking and without a sandbox", StringsZhCN.YoloBanner);
    public const string ShellCancelled = "cancelled"; // model-facing: English
    public const string ShellNote = "$ {0}\n(I ran this command myself in the workspace; it was not a tool call of yours.)\n<output exit_code=\"{1}\">\n{2}</output>"; // model-facing: English
    public const string ShellTruncated = "[output truncated: the first {0:N0} of {1:N0} characters are shown]"; // model-facing: English
    public static string NoCheckpoint => UiLanguage.Pick("turn {0} of {1} has no checkpoint; turns with checkpoints: {2}", StringsZhCN.NoCheckpoint);
}
