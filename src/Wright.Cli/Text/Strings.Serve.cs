using Wright.Core.Localization;

namespace Wright.Cli.Text;

/// <summary>Strings of <c>wright serve</c> and <c>wright task</c>.</summary>
internal static partial class Strings
{
    public static string ServeDescription => UiLanguage.Pick("Run background agents: a task queue, attempts in git worktrees, an HTTP API and a web dashboard (loopback; every request needs the printed token).", StringsZhCN.ServeDescription);
    public static string FleetNodeMissing => UiLanguage.Pick("a fleet node is its own program, wright-node, and {0} does not exist: build and start it with ./wright.sh serve --cluster … (see docs/fleet.md).", StringsZhCN.FleetNodeMissing);
    public static string FleetNodeFailed => UiLanguage.Pick("cannot start {0} (errno {1}).", StringsZhCN.FleetNodeFailed);
    public static string ServePortOption => UiLanguage.Pick("HTTP port (default 8420; 0: a free port).", StringsZhCN.ServePortOption);
    public static string ServeMaxParallelOption => UiLanguage.Pick("At most this many attempts run at once (default: the number of cores).", StringsZhCN.ServeMaxParallelOption);
    public static string ServeRepoRootOption => UiLanguage.Pick("A directory whose git repositories tasks may use (repeatable; default: the current directory unless it is / or the home directory).", StringsZhCN.ServeRepoRootOption);
    public static string ServeHostOption => UiLanguage.Pick("Address to bind (default 127.0.0.1). Another than loopback needs --expose.", StringsZhCN.ServeHostOption);
    public static string ServeExposeOption => UiLanguage.Pick("Allow --host to be an address other machines can reach.", StringsZhCN.ServeExposeOption);
    public static string ServeAllowedHostOption => UiLanguage.Pick("A host name clients may use in the Host header besides loopback names and IP addresses (repeatable).", StringsZhCN.ServeAllowedHostOption);
    public static string ServeSetupTimeoutOption => UiLanguage.Pick("Seconds the repository's trusted .wright/setup.sh may run in a new worktree before the attempt fails (default 600).", StringsZhCN.ServeSetupTimeoutOption);
    public static string ServeBadSetupTimeout => UiLanguage.Pick("--setup-timeout must be at least 1 second, got {0}", StringsZhCN.ServeBadSetupTimeout);
    public static string ServeApprovalTimeoutOption => UiLanguage.Pick("Seconds an attempt in ask mode waits for an approval before it stops as failed (default 1800).", StringsZhCN.ServeApprovalTimeoutOption);
    public static string ServeWorktreesOption => UiLanguage.Pick("Where attempts' worktrees go (default: $WRIGHT_HOME-worktrees, beside Wright's home, which the sandbox hides).", StringsZhCN.ServeWorktreesOption);
    public static string ServeNeedsExpose => UiLanguage.Pick("--host {0} is reachable from other machines: add --expose to listen there.", StringsZhCN.ServeNeedsExpose);
    public static string ServeBadParallel => UiLanguage.Pick("--max-parallel must be at least 1 (got {0}).", StringsZhCN.ServeBadParallel);
    public static string ServeBadTimeout => UiLanguage.Pick("--approval-timeout must be a positive number of seconds (got {0}).", StringsZhCN.ServeBadTimeout);
    public static string ServeListening => UiLanguage.Pick("wright serve: dashboard at {0}?token={1}", StringsZhCN.ServeListening);
    public static string ServeTokenFile => UiLanguage.Pick("the token is kept in {0} (or set WRIGHT_SERVER_TOKEN)", StringsZhCN.ServeTokenFile);
    public static string ServeRoots => UiLanguage.Pick("repositories allowed under: {0}", StringsZhCN.ServeRoots);
    public static string ServeNoRoots => UiLanguage.Pick("no repository roots: give --repo-root DIR (the current directory {0} is too wide)", StringsZhCN.ServeNoRoots);
    public static string ServeExposed => UiLanguage.Pick("warning: listening on {0}, reachable from other machines", StringsZhCN.ServeExposed);
    public static string ServeBindFailed => UiLanguage.Pick("cannot listen on {0}:{1}: {2}", StringsZhCN.ServeBindFailed);
    public static string TaskDescription => UiLanguage.Pick("Queue and follow background tasks on a running wright serve (WRIGHT_SERVER, WRIGHT_SERVER_TOKEN).", StringsZhCN.TaskDescription);
    public static string TaskAddDescription => UiLanguage.Pick("Queue a task; prints its id.", StringsZhCN.TaskAddDescription);
    public static string TaskLsDescription => UiLanguage.Pick("List tasks.", StringsZhCN.TaskLsDescription);
    public static string TaskShowDescription => UiLanguage.Pick("Show a task and its attempts.", StringsZhCN.TaskShowDescription);
    public static string TaskLogsDescription => UiLanguage.Pick("Print a task's events (stream-json); -f follows until it finishes.", StringsZhCN.TaskLogsDescription);
    public static string TaskDiffDescription => UiLanguage.Pick("Print an attempt's diff (ID or ID/N).", StringsZhCN.TaskDiffDescription);
    public static string TaskApplyDescription => UiLanguage.Pick("Merge an attempt's branch into your repository (ID or ID/N).", StringsZhCN.TaskApplyDescription);
    public static string TaskCancelDescription => UiLanguage.Pick("Cancel a task.", StringsZhCN.TaskCancelDescription);
    public static string TaskRepoOption => UiLanguage.Pick("The repository (default: the current directory).", StringsZhCN.TaskRepoOption);
    public static string TaskAttemptsOption => UiLanguage.Pick("How many attempts run side by side (best-of-N).", StringsZhCN.TaskAttemptsOption);
    public static string TaskModelOption => UiLanguage.Pick("The model as provider/model.", StringsZhCN.TaskModelOption);
    public static string TaskModeOption => UiLanguage.Pick("Permission mode (default auto).", StringsZhCN.TaskModeOption);
    public static string TaskFollowOption => UiLanguage.Pick("Keep following until the task finishes.", StringsZhCN.TaskFollowOption);
    public static string TaskIntoOption => UiLanguage.Pick("The branch to merge into (default: the task's base).", StringsZhCN.TaskIntoOption);
    public static string TaskNoToken => UiLanguage.Pick("no server token: set WRIGHT_SERVER_TOKEN or start wright serve (it keeps one in {0})", StringsZhCN.TaskNoToken);
    public static string TaskUnreachable => UiLanguage.Pick("cannot reach the server at {0}: {1}", StringsZhCN.TaskUnreachable);
    public static string TaskLostServer => UiLanguage.Pick("lost the server: it stayed unreachable for {0} s ({1}); run the command again to go on", StringsZhCN.TaskLostServer);
    public static string TaskBadId => UiLanguage.Pick("'{0}' is not ID or ID/N", StringsZhCN.TaskBadId);
}
