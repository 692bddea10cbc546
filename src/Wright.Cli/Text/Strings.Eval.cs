namespace Wright.Cli.Text;

internal static partial class Strings
{
    public const string EvalDescription = "Evaluate models on a suite of verifiable tasks (Harbor / Terminal-Bench 2, Aider polyglot, SWE-style JSONL)";
    public const string EvalSuiteArgument = "The suite: a folder of tasks or a .jsonl file";
    public const string EvalModelOption = "A configuration to evaluate, as provider/model (repeat for several)";
    public const string EvalAttemptsOption = "Attempts per task and configuration (K of pass@K)";
    public const string EvalParallelOption = "Attempts run at once, each in its own workspace";
    public const string EvalOutOption = "Write results.json and report.html into this folder";
    public const string EvalCheckOption = "Check the suite: reference solutions pass, untouched tasks fail";
    public const string EvalResumeOption = "Continue an interrupted run (its id or a unique prefix)";
    public const string EvalTaskBudgetOption = "Budget cap per attempt in US dollars";
    public const string EvalRunBudgetOption = "Budget cap for the whole run in US dollars (attempts not started once it is spent are skipped)";
    public const string EvalArchitectOption = "Also evaluate an architect/editor pair: the architect model plans with read-only tools (needs --editor)";
    public const string EvalEditorOption = "The editor model of the pair: it carries out the architect's plan with the edit tools";
    public const string EvalArchitectNeedsEditor = "--architect and --editor go together";
    public const string EvalPairLabel = "architect {0} + editor {1}";
    public const string EvalTaskOption = "Only tasks whose id contains this (repeatable)";
    public const string EvalEnvOption = "Where tasks run: local (the host's toolchain in the sandbox) or docker";
    public const string EvalDockerUnsupported = "--env docker is not built yet: tasks run locally, with the task's files in a fresh workspace bound at the Dockerfile's WORKDIR by the sandbox";
    public const string EvalNeedsSuite = "give a suite (a folder of tasks or a .jsonl file), or --resume RUN";
    public const string EvalBadCounts = "--attempts and --parallel must be at least 1";
    public const string EvalCheckSummary = "{0}/{1} tasks ok ({2} failed, {3} environment errors, {4} malformed)";
    public const string EvalWrote = "wrote {0} and {1}";
    public const string EvalDiffDescription = "Show which tasks changed between two stored runs";
    public const string EvalReportDescription = "Show a stored run's leaderboard (and with --out write its results.json and report.html)";
    public const string ArchitectOption = "Architect/editor mode (headless): this model plans with read-only tools, the editor carries the plan out (the other half from --editor or models.editor)";
    public const string EditorOption = "Architect/editor mode (headless): this model carries out the architect's plan with the edit tools (the other half from --architect or models.architect)";
    public const string ArchitectEditorIncomplete = "architect/editor mode needs both models: give --architect and --editor, or set models.architect and models.editor in the configuration";
    public const string ArchitectEditorHeadlessOnly = "architect/editor mode runs headless: give the task with -p";
    public const string ArchitectEditorNoResume = "architect/editor mode starts new sessions: it cannot continue, resume or fork one";
    public const string FallbackOption = "A model tried when the previous one fails for good (rate limit, quota, 5xx, overloaded, timeout) or its context does not fit (repeat for a list)";
    public const string ModelSwitchedLine = "{1} answers instead of {0}: {2}";
    public const string ModelsDescription = "List the known models with context window, prices (USD per million tokens), whether a key is set, and their configured roles";
    public const string ModelsHeader = "model|window|max output|in $/M|out $/M|key|roles";
    public const string ModelsKeySet = "set";
    public const string ModelsNoKey = "missing";
    public const string ModelsUnknownProvider = "unknown provider";
}
