using Wright.Core.Localization;

namespace Wright.Server.Text;

/// <summary>
/// Every string the dashboard shows (English and zh-CN), sent to it as <c>/assets/text.json</c> in the server's interface
/// language (<see cref="UiLanguage"/>: <c>WRIGHT_LANG</c>, then the locale, then the config): <c>app.js</c> looks
/// every label up by key, its placeholders <c>{0}</c>… filled in the page.
/// </summary>
internal static class DashboardStrings
{
    public static string NewTask => UiLanguage.Pick("New task", "新建任务");
    public static string ColumnQueued => UiLanguage.Pick("Queued", "排队中");
    public static string ColumnRunning => UiLanguage.Pick("Running", "运行中");
    public static string ColumnNeedsYou => UiLanguage.Pick("Needs you", "等你处理");
    public static string ColumnDone => UiLanguage.Pick("Done", "已完成");
    public static string ColumnFailed => UiLanguage.Pick("Failed", "失败");
    public static string ColumnCancelled => UiLanguage.Pick("Cancelled", "已取消");
    public static string StatusQueued => UiLanguage.Pick("queued", "排队中");
    public static string StatusRunning => UiLanguage.Pick("running", "运行中");
    public static string StatusWaitingApproval => UiLanguage.Pick("waiting for approval", "等待批准");
    public static string StatusSucceeded => UiLanguage.Pick("succeeded", "成功");
    public static string StatusFailed => UiLanguage.Pick("failed", "失败");
    public static string StatusCancelled => UiLanguage.Pick("cancelled", "已取消");
    public static string AttemptCount => UiLanguage.Pick("{0} attempt(s)", "{0} 次尝试");
    public static string PromptLabel => UiLanguage.Pick("Prompt", "提示词");
    public static string RepoLabel => UiLanguage.Pick("Repository (path under an allowed root, or git URL)", "仓库（允许的根目录下的路径，或 git URL）");
    public static string ModelLabel => UiLanguage.Pick("Model (provider/model, empty: configured)", "模型（provider/model，留空则用配置的模型）");
    public static string ModeLabel => UiLanguage.Pick("Permission mode", "权限模式");
    public static string AttemptsLabel => UiLanguage.Pick("Attempts", "尝试次数");
    public static string BaseLabel => UiLanguage.Pick("Base branch (empty: checked-out branch)", "基准分支（留空则用当前检出的分支）");
    public static string Create => UiLanguage.Pick("Create", "创建");
    public static string FollowUpPlaceholder => UiLanguage.Pick("Follow up…", "继续追问…");
    public static string FollowUpLabel => UiLanguage.Pick("Follow-up message", "追问内容");
    public static string Send => UiLanguage.Pick("Send", "发送");
    public static string Tokens => UiLanguage.Pick("{0} tokens", "{0} 个 token");
    public static string Cancel => UiLanguage.Pick("Cancel", "取消");
    public static string Retry => UiLanguage.Pick("Retry", "重试");
    public static string Delete => UiLanguage.Pick("Delete", "删除");
    public static string ConfirmDelete => UiLanguage.Pick("Delete this task, its worktrees and branches?", "删除此任务及其工作树和分支？");
    public static string DeclinePlaceholder => UiLanguage.Pick("No — what to do instead", "否——改为怎么做");
    public static string DeclineLabel => UiLanguage.Pick("What to do instead", "改为怎么做");
    public static string Asks => UiLanguage.Pick("Attempt {0} asks: {1}", "尝试 {0} 请求：{1}");
    public static string SubagentAsks => UiLanguage.Pick("Attempt {0} (subagent) asks: {1}", "尝试 {0}（子智能体）请求：{1}");
    public static string Yes => UiLanguage.Pick("Yes", "是");
    public static string Always => UiLanguage.Pick("Always", "总是允许");
    public static string No => UiLanguage.Pick("No", "否");
    public static string IntoPlaceholder => UiLanguage.Pick("into branch (default: {0})", "合并到分支（默认：{0}）");
    public static string IntoLabel => UiLanguage.Pick("Into branch", "目标分支");
    public static string MethodLabel => UiLanguage.Pick("Apply method", "应用方式");
    public static string Apply => UiLanguage.Pick("Apply", "应用");
    public static string Changes => UiLanguage.Pick("Changes", "改动");
    public static string UnifiedDiff => UiLanguage.Pick("Unified diff", "统一 diff");
    public static string SideBySide => UiLanguage.Pick("Side by side", "并排对比");
    public static string CompareAttempts => UiLanguage.Pick("Compare attempts", "比较各次尝试");
    public static string HeadAttempt => UiLanguage.Pick("Attempt", "尝试");
    public static string HeadStatus => UiLanguage.Pick("Status", "状态");
    public static string HeadFiles => UiLanguage.Pick("Files", "文件");
    public static string HeadLines => UiLanguage.Pick("Lines", "行数");
    public static string HeadTokens => UiLanguage.Pick("Tokens", "Token 数");
    public static string HeadCost => UiLanguage.Pick("Cost", "费用");
    public static string HeadTime => UiLanguage.Pick("Time", "用时");
    public static string Reasoning => UiLanguage.Pick("Reasoning", "推理过程");
    public static string ApprovalNote => UiLanguage.Pick("asks: {0} — {1}", "请求：{0} — {1}");
    public static string Allowed => UiLanguage.Pick("allowed", "已允许");
    public static string AllowedAlways => UiLanguage.Pick("allowed (always)", "已允许（总是）");
    public static string Declined => UiLanguage.Pick("declined", "已拒绝");
    public static string DeclinedBecause => UiLanguage.Pick("declined: {0}", "已拒绝：{0}");
    public static string AttemptStatus => UiLanguage.Pick("attempt {0}: {1}", "尝试 {0}：{1}");
    public static string SetupTitle => UiLanguage.Pick("Setup: {0}", "初始化：{0}");
    public static string SetupRunning => UiLanguage.Pick("running…", "运行中…");
    public static string SetupSucceeded => UiLanguage.Pick("finished (exit 0)", "已完成（退出码 0）");
    public static string SetupFailed => UiLanguage.Pick("failed: exit {0}", "失败：退出码 {0}");
    public static string SetupStopped => UiLanguage.Pick("failed: did not finish", "失败：未能运行完成");
    public static string SetupSkipped => UiLanguage.Pick("Setup skipped: {0}", "已跳过初始化：{0}");

    /// <summary>The table as the page reads it: key → text in the current language.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Table() =>
    [
        new("newTask", NewTask), new("columnQueued", ColumnQueued), new("columnRunning", ColumnRunning),
        new("columnNeedsYou", ColumnNeedsYou), new("columnDone", ColumnDone), new("columnFailed", ColumnFailed),
        new("columnCancelled", ColumnCancelled), new("status.queued", StatusQueued), new("status.running", StatusRunning),
        new("status.waiting_approval", StatusWaitingApproval), new("status.succeeded", StatusSucceeded),
        new("status.failed", StatusFailed), new("status.cancelled", StatusCancelled), new("attemptCount", AttemptCount),
        new("promptLabel", PromptLabel), new("repoLabel", RepoLabel), new("modelLabel", ModelLabel), new("modeLabel", ModeLabel),
        new("attemptsLabel", AttemptsLabel), new("baseLabel", BaseLabel), new("create", Create),
        new("followUpPlaceholder", FollowUpPlaceholder), new("followUpLabel", FollowUpLabel), new("send", Send),
        new("tokens", Tokens), new("cancel", Cancel), new("retry", Retry), new("delete", Delete),
        new("confirmDelete", ConfirmDelete), new("declinePlaceholder", DeclinePlaceholder), new("declineLabel", DeclineLabel),
        new("asks", Asks), new("subagentAsks", SubagentAsks), new("yes", Yes), new("always", Always), new("no", No),
        new("intoPlaceholder", IntoPlaceholder), new("intoLabel", IntoLabel), new("methodLabel", MethodLabel), new("apply", Apply),
        new("changes", Changes), new("unifiedDiff", UnifiedDiff), new("sideBySide", SideBySide),
        new("compareAttempts", CompareAttempts), new("headAttempt", HeadAttempt), new("headStatus", HeadStatus),
        new("headFiles", HeadFiles), new("headLines", HeadLines), new("headTokens", HeadTokens), new("headCost", HeadCost),
        new("headTime", HeadTime), new("reasoning", Reasoning), new("approvalNote", ApprovalNote), new("allowed", Allowed),
        new("allowedAlways", AllowedAlways), new("declined", Declined), new("declinedBecause", DeclinedBecause),
        new("attemptStatus", AttemptStatus), new("setupTitle", SetupTitle), new("setupRunning", SetupRunning),
        new("setupSucceeded", SetupSucceeded), new("setupFailed", SetupFailed), new("setupStopped", SetupStopped),
        new("setupSkipped", SetupSkipped),
    ];
}
