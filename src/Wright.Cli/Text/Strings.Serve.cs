namespace Wright.Cli.Text;

/// <summary>Strings of <c>wright serve</c> and <c>wright task</c>.</summary>
internal static partial class Strings
{
    public const string ServeDescription = "Run background agents: a task queue, attempts in git worktrees, an HTTP API and a web dashboard (loopback; every request needs the printed token).";
    public const string ServePortOption = "HTTP port (default 8420; 0: a free port).";
    public const string ServeMaxParallelOption = "At most this many attempts run at once (default: the number of cores).";
    public const string ServeRepoRootOption = "A directory whose git repositories tasks may use (repeatable; default: the current directory unless it is / or the home directory).";
    public const string ServeHostOption = "Address to bind (default 127.0.0.1). Another than loopback needs --expose.";
    public const string ServeExposeOption = "Allow --host to be an address other machines can reach.";
    public const string ServeAllowedHostOption = "A host name clients may use in the Host header besides loopback names and IP addresses (repeatable).";
    public const string ServeApprovalTimeoutOption = "Seconds an attempt in ask mode waits for an approval before it stops as failed (default 1800).";
    public const string ServeWorktreesOption = "Where attempts' worktrees go (default: $WRIGHT_HOME-worktrees, beside Wright's home, which the sandbox hides).";
    public const string ServeNeedsExpose = "--host {0} is reachable from other machines: add --expose to listen there.";
    public const string ServeBadParallel = "--max-parallel must be at least 1 (got {0}).";
    public const string ServeBadTimeout = "--approval-timeout must be a positive number of seconds (got {0}).";
    public const string ServeListening = "wright serve: dashboard at {0}?token={1}";
    public const string ServeTokenFile = "the token is kept in {0} (or set WRIGHT_SERVER_TOKEN)";
    public const string ServeRoots = "repositories allowed under: {0}";
    public const string ServeNoRoots = "no repository roots: give --repo-root DIR (the current directory {0} is too wide)";
    public const string ServeExposed = "warning: listening on {0}, reachable from other machines";
    public const string ServeBindFailed = "cannot listen on {0}:{1}: {2}";
    public const string TaskDescription = "Queue and follow background tasks on a running wright serve (WRIGHT_SERVER, WRIGHT_SERVER_TOKEN).";
    public const string TaskAddDescription = "Queue a task; prints its id.";
    public const string TaskLsDescription = "List tasks.";
    public const string TaskShowDescription = "Show a task and its attempts.";
    public const string TaskLogsDescription = "Print a task's events (stream-json); -f follows until it finishes.";
    public const string TaskDiffDescription = "Print an attempt's diff (ID or ID/N).";
    public const string TaskApplyDescription = "Merge an attempt's branch into your repository (ID or ID/N).";
    public const string TaskCancelDescription = "Cancel a task.";
    public const string TaskRepoOption = "The repository (default: the current directory).";
    public const string TaskAttemptsOption = "How many attempts run side by side (best-of-N).";
    public const string TaskModelOption = "The model as provider/model.";
    public const string TaskModeOption = "Permission mode (default auto).";
    public const string TaskFollowOption = "Keep following until the task finishes.";
    public const string TaskIntoOption = "The branch to merge into (default: the task's base).";
    public const string TaskNoToken = "no server token: set WRIGHT_SERVER_TOKEN or start wright serve (it keeps one in {0})";
    public const string TaskUnreachable = "cannot reach the server at {0}: {1}";
    public const string TaskLostServer = "lost the server: it stayed unreachable for {0} s ({1}); run the command again to go on";
    public const string TaskBadId = "'{0}' is not ID or ID/N";
}
