using Wright.Core.Localization;

namespace Wright.Cli.Text;

internal static partial class Strings
{
    public static string EvalDescription => UiLanguage.Pick("Evaluate models on a suite of verifiable tasks (Harbor / Terminal-Bench 2, Aider polyglot, SWE-style JSONL)", StringsZhCN.EvalDescription);
    public static string EvalSuiteArgument => UiLanguage.Pick("The suite: a folder of tasks or a .jsonl file", StringsZhCN.EvalSuiteArgument);
    public static string EvalModelOption => UiLanguage.Pick("A configuration to evaluate, as provider/model (repeat for several)", StringsZhCN.EvalModelOption);
    public static string EvalAttemptsOption => UiLanguage.Pick("Attempts per task and configuration (K of pass@K)", StringsZhCN.EvalAttemptsOption);
    public static string EvalParallelOption => UiLanguage.Pick("Attempts run at once, each in its own workspace", StringsZhCN.EvalParallelOption);
    public static string EvalOutOption => UiLanguage.Pick("Write results.json and report.html into this folder", StringsZhCN.EvalOutOption);
    public static string EvalCheckOption => UiLanguage.Pick("Check the suite: reference solutions pass, untouched tasks fail", StringsZhCN.EvalCheckOption);
    public static string EvalResumeOption => UiLanguage.Pick("Continue an interrupted run (its id or a unique prefix)", StringsZhCN.EvalResumeOption);
    public static string EvalTaskBudgetOption => UiLanguage.Pick("Budget cap per attempt in US dollars", StringsZhCN.EvalTaskBudgetOption);
    public static string EvalRunBudgetOption => UiLanguage.Pick("Budget cap for the whole run in US dollars (attempts not started once it is spent are skipped)", StringsZhCN.EvalRunBudgetOption);
    public static string EvalArchitectOption => UiLanguage.Pick("Also evaluate an architect/editor pair: the architect model plans with read-only tools (needs --editor)", StringsZhCN.EvalArchitectOption);
    public static string EvalEditorOption => UiLanguage.Pick("The editor model of the pair: it carries out the architect's plan with the edit tools", StringsZhCN.EvalEditorOption);
    public static string EvalArchitectNeedsEditor => UiLanguage.Pick("--architect and --editor go together", StringsZhCN.EvalArchitectNeedsEditor);
    public static string EvalPairLabel => UiLanguage.Pick("architect {0} + editor {1}", StringsZhCN.EvalPairLabel);
    public static string EvalTaskOption => UiLanguage.Pick("Only tasks whose id contains this (repeatable)", StringsZhCN.EvalTaskOption);
    public static string EvalEnvOption => UiLanguage.Pick("Where tasks run: local (the host's toolchain in the sandbox) or docker", StringsZhCN.EvalEnvOption);
    public static string EvalNeedsSuite => UiLanguage.Pick("give a suite (a folder of tasks or a .jsonl file), or --resume RUN", StringsZhCN.EvalNeedsSuite);
    public static string EvalBadCounts => UiLanguage.Pick("--attempts and --parallel must be at least 1", StringsZhCN.EvalBadCounts);
    public static string EvalCheckSummary => UiLanguage.Pick("{0}/{1} tasks ok ({2} failed, {3} environment errors, {4} malformed)", StringsZhCN.EvalCheckSummary);
    public static string EvalWrote => UiLanguage.Pick("wrote {0} and {1}", StringsZhCN.EvalWrote);
    public static string EvalDiffDescription => UiLanguage.Pick("Show which tasks changed between two stored runs", StringsZhCN.EvalDiffDescription);
    public static string EvalReportDescription => UiLanguage.Pick("Show a stored run's leaderboard (and with --out write its results.json and report.html)", StringsZhCN.EvalReportDescription);
    public static string ArchitectOption => UiLanguage.Pick("Architect/editor mode (headless): this model plans with read-only tools, the editor carries the plan out (the other half from --editor or models.editor)", StringsZhCN.ArchitectOption);
    public static string EditorOption => UiLanguage.Pick("Architect/editor mode (headless): this model carries out the architect's plan with the edit tools (the other half from --architect or models.architect)", StringsZhCN.EditorOption);
    public static string ArchitectEditorIncomplete => UiLanguage.Pick("architect/editor mode needs both models: give --architect and --editor, or set models.architect and models.editor in the configuration", StringsZhCN.ArchitectEditorIncomplete);
    public static string ArchitectEditorNoResume => UiLanguage.Pick("architect/editor mode starts new sessions: it cannot continue, resume or fork one", StringsZhCN.ArchitectEditorNoResume);
    public static string FallbackOption => UiLanguage.Pick("A model tried when the previous one fails for good (rate limit, quota, 5xx, overloaded, timeout) or its context does not fit (repeat for a list)", StringsZhCN.FallbackOption);
    public static string ModelSwitchedLine => UiLanguage.Pick("{1} answers instead of {0}: {2}", StringsZhCN.ModelSwitchedLine);
    public static string ModelsDescription => UiLanguage.Pick("List the known models with context window, prices (USD per million tokens), whether a key is set, and their configured roles", StringsZhCN.ModelsDescription);
    public static string ModelsHeader => UiLanguage.Pick("model|window|max output|in $/M|out $/M|key|roles", StringsZhCN.ModelsHeader);
    public static string ModelsKeySet => UiLanguage.Pick("set", StringsZhCN.ModelsKeySet);
    public static string ModelsNoKey => UiLanguage.Pick("missing", StringsZhCN.ModelsNoKey);
    public static string ModelsUnknownProvider => UiLanguage.Pick("unknown provider", StringsZhCN.ModelsUnknownProvider);
}
