using Wright.Core.Localization;

namespace Wright.Cli.Text;

/// <summary>Errors, config, doctor, completion and the other strings of day one.</summary>
internal static partial class Strings
{
    public static string UnknownOption => UiLanguage.Pick("unknown option {0} for {1} (see {1} --help)", StringsZhCN.UnknownOption);
    public static string UnknownOptionNearest => UiLanguage.Pick("unknown option {0}; did you mean {1}?", StringsZhCN.UnknownOptionNearest);
    public static string UnknownCommandNearest => UiLanguage.Pick("unknown command '{0}'; did you mean '{1}'?", StringsZhCN.UnknownCommandNearest);
    public static string SeeHelp => UiLanguage.Pick(" (see {0} --help)", StringsZhCN.SeeHelp);
    public static string PromptArgument => UiLanguage.Pick("Start the interactive session with this first prompt (headless with -p).", StringsZhCN.PromptArgument);
    public static string CompletionDescription => UiLanguage.Pick("Print a shell completion script: bash, zsh or fish (e.g. eval \"$(wright completion bash)\").", StringsZhCN.CompletionDescription);
    public static string CompletionShellArgument => UiLanguage.Pick("bash, zsh or fish.", StringsZhCN.CompletionShellArgument);
    public static string ConfigDescription => UiLanguage.Pick("Show the configuration: every value set, with the file (or environment variable) it comes from.", StringsZhCN.ConfigDescription);
    public static string ConfigSetDescription => UiLanguage.Pick("Set a value in the user config ($WRIGHT_HOME/config.json), e.g. wright config set model deepseek/deepseek-chat.", StringsZhCN.ConfigSetDescription);
    public static string ConfigGetDescription => UiLanguage.Pick("Print one value.", StringsZhCN.ConfigGetDescription);
    public static string ConfigKeyArgument => UiLanguage.Pick("The key, dotted for nested ones (e.g. model, permission_mode, compaction.threshold_percent).", StringsZhCN.ConfigKeyArgument);
    public static string ConfigValueArgument => UiLanguage.Pick("The value (numbers and true/false are typed; lists are comma-separated).", StringsZhCN.ConfigValueArgument);
    public static string ConfigProjectOption => UiLanguage.Pick("Write the project's .wright/config.json instead (it needs `wright trust` for what loosens).", StringsZhCN.ConfigProjectOption);
    public static string ConfigEmpty => UiLanguage.Pick("nothing configured yet ({0} does not exist or is empty); e.g. wright config set model deepseek/deepseek-chat", StringsZhCN.ConfigEmpty);
    public static string ConfigNotSet => UiLanguage.Pick("{0} is not set", StringsZhCN.ConfigNotSet);
    public static string ConfigUnknownKey => UiLanguage.Pick("unknown config key \"{0}\" (wright config shows the keys in use)", StringsZhCN.ConfigUnknownKey);
    public static string ConfigUnknownKeyNearest => UiLanguage.Pick("unknown config key \"{0}\"; did you mean \"{1}\"?", StringsZhCN.ConfigUnknownKeyNearest);
    public static string ConfigBadValue => UiLanguage.Pick("\"{0}\" must be of type {2}, got '{1}'", StringsZhCN.ConfigBadValue);
    public static string ConfigSet => UiLanguage.Pick("{0} = {1} (written to {2})", StringsZhCN.ConfigSet);
    public static string DoctorDescription => UiLanguage.Pick("Check the installation: binary, $WRIGHT_HOME, config, sandbox, network proxy, keys, endpoint, MCP servers, git.", StringsZhCN.DoctorDescription);
    public static string DoctorBinary => UiLanguage.Pick("wright {1} at {0}", StringsZhCN.DoctorBinary);
    public static string DoctorHomeOk => UiLanguage.Pick("$WRIGHT_HOME {0} is writable", StringsZhCN.DoctorHomeOk);
    public static string DoctorHomeBad => UiLanguage.Pick("$WRIGHT_HOME {0} is not usable: {1} — fix: point WRIGHT_HOME to a writable directory", StringsZhCN.DoctorHomeBad);
    public static string DoctorHomeIsFile => UiLanguage.Pick("it is a file, not a directory", StringsZhCN.DoctorHomeIsFile);
    public static string DoctorConfigOk => UiLanguage.Pick("config readable ({0})", StringsZhCN.DoctorConfigOk);
    public static string DoctorConfigWarnings => UiLanguage.Pick("config: {0} warning(s), first: {1}", StringsZhCN.DoctorConfigWarnings);
    public static string DoctorSandboxOk => UiLanguage.Pick("sandbox: bubblewrap with user namespaces and seccomp works (permission mode auto is available)", StringsZhCN.DoctorSandboxOk);
    public static string DoctorSandboxBad => UiLanguage.Pick("sandbox unavailable: {0} — fix: apt install bubblewrap and allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)", StringsZhCN.DoctorSandboxBad);
    public static string DoctorProxyOk => UiLanguage.Pick("network allowlist proxy: socat present", StringsZhCN.DoctorProxyOk);
    public static string DoctorProxyBad => UiLanguage.Pick("network allowlist proxy needs socat (sandbox.network.allow stays offline) — fix: apt install socat", StringsZhCN.DoctorProxyBad);
    public static string DoctorKeys => UiLanguage.Pick("keys set for: {0}", StringsZhCN.DoctorKeys);
    public static string DoctorKeyStored => UiLanguage.Pick("{0} saved in {1}", StringsZhCN.DoctorKeyStored);
    public static string DoctorNoKeys => UiLanguage.Pick("no provider key set — fix: export e.g. ANTHROPIC_API_KEY or DEEPSEEK_API_KEY, or use a local Ollama / LM Studio", StringsZhCN.DoctorNoKeys);
    public static string DoctorNoModel => UiLanguage.Pick("no model configured (a local Ollama / LM Studio is used when one answers) — fix: wright config set model provider/model", StringsZhCN.DoctorNoModel);
    public static string DoctorModelBad => UiLanguage.Pick("model {0}: {1}", StringsZhCN.DoctorModelBad);
    public static string DoctorEndpointOk => UiLanguage.Pick("model {0}: endpoint {1} answers", StringsZhCN.DoctorEndpointOk);
    public static string DoctorEndpointBad => UiLanguage.Pick("model {0}: endpoint {1} does not answer: {2} — fix: check the network or providers.<id>.base_url", StringsZhCN.DoctorEndpointBad);
    public static string DoctorMcpOk => UiLanguage.Pick("MCP server {0}: {1}", StringsZhCN.DoctorMcpOk);
    public static string DoctorMcpMissing => UiLanguage.Pick("MCP server {0}: program {1} not found — fix: install it or correct mcp.json", StringsZhCN.DoctorMcpMissing);
    public static string DoctorMcpNone => UiLanguage.Pick("MCP: no servers configured", StringsZhCN.DoctorMcpNone);
    public static string DoctorGitOk => UiLanguage.Pick("git: {0} (rewind checkpoints work)", StringsZhCN.DoctorGitOk);
    public static string DoctorGitMissing => UiLanguage.Pick("git not found: rewind checkpoints are off — fix: apt install git", StringsZhCN.DoctorGitMissing);
    public static string DoctorAllGood => UiLanguage.Pick("everything needed works.", StringsZhCN.DoctorAllGood);
    public static string DoctorProblems => UiLanguage.Pick("{0} problem(s) to fix (marked ✗).", StringsZhCN.DoctorProblems);
    public static string IncludePartialOption => UiLanguage.Pick("With --output-format stream-json: also emit Wright's fine events (text and reasoning deltas, usage, retries, checkpoints).", StringsZhCN.IncludePartialOption);
    public static string InputFormatOption => UiLanguage.Pick("text (default) or stream-json: user messages as JSON lines on stdin ({\"type\":\"user\",\"message\":{...}}), one run each.", StringsZhCN.InputFormatOption);
    public static string VerboseOption => UiLanguage.Pick("Accepted for Claude Code compatibility (stream-json is always complete).", StringsZhCN.VerboseOption);
    public static string ExecDescription => UiLanguage.Pick("Run one prompt headless, as Codex's `codex exec` does (a missing prompt or - reads stdin).", StringsZhCN.ExecDescription);
    public static string ExecJsonOption => UiLanguage.Pick("Print Codex's exec --json events as JSON Lines (thread.started, turn.started, item.*, turn.completed / turn.failed).", StringsZhCN.ExecJsonOption);
    public static string ExecLastMessageOption => UiLanguage.Pick("Also write the final answer to this file.", StringsZhCN.ExecLastMessageOption);
    public static string ExecSkipGitCheckOption => UiLanguage.Pick("Accepted for Codex compatibility; Wright does not require a git repository.", StringsZhCN.ExecSkipGitCheckOption);
    public static string StoppedMaxTurns => UiLanguage.Pick("stopped: the run reached --max-turns ({0} model requests); continue with wright -c", StringsZhCN.StoppedMaxTurns);
    public static string StoppedBudget => UiLanguage.Pick("stopped: the run reached --max-budget-usd; continue with wright -c (and a higher budget)", StringsZhCN.StoppedBudget);
    public static string BadStreamJsonInput => UiLanguage.Pick("stdin line {0} is not a stream-json user message: {1}", StringsZhCN.BadStreamJsonInput);
}
