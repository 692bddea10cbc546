using Wright.Core.Localization;

namespace Wright.Tasks.Text;

/// <summary>Every user-facing string of the task scheduler (for translation).</summary>
internal static class TaskStrings
{
    public const string ResumeNote = "Wright's server restarted while you were working on this task. Your earlier tool calls and their results are above; a call marked as interrupted may or may not have taken effect. Continue the task from where you stopped, without redoing finished steps.";
    public static string Resuming => UiLanguage.Pick("resuming after a restart", "服务器重启后继续");
    public static string Retrying => UiLanguage.Pick("retry", "重试");
    public static string FollowUpQueued => UiLanguage.Pick("follow-up queued", "追问已排队");
    public static string CancelledByPerson => UiLanguage.Pick("cancelled", "已取消");
    public static string EmptyPrompt => UiLanguage.Pick("the prompt is empty", "提示词为空");
    public static string BadAttempts => UiLanguage.Pick("attempts must be between 1 and 8 (got {0})", "attempts 必须在 1 到 8 之间（收到 {0}）");
    public static string BadMode => UiLanguage.Pick("unknown permission mode '{0}' (plan, ask, accept-edits, auto, yolo)", "未知的权限模式“{0}”（plan、ask、accept-edits、auto、yolo）");
    public static string BadBudget => UiLanguage.Pick("budget_usd must be positive", "budget_usd 必须为正数");
    public static string NoSuchTask => UiLanguage.Pick("no task '{0}'", "没有任务“{0}”");
    public static string NoSuchAttempt => UiLanguage.Pick("task '{0}' has no attempt {1}", "任务“{0}”没有第 {1} 次尝试");
    public static string StillRunning => UiLanguage.Pick("attempt {1} of task '{0}' is still queued or running: wait for it to finish or cancel it first", "任务“{0}”的第 {1} 次尝试仍在排队或运行：请等它结束，或先取消它");
    public static string NotStarted => UiLanguage.Pick("attempt {1} of task '{0}' has not started yet: it has no worktree", "任务“{0}”的第 {1} 次尝试尚未开始：还没有工作树");
    public static string NoSuchBase => UiLanguage.Pick("'{0}' is not a branch or commit of {1}", "“{0}”不是 {1} 的分支或提交");
    public static string NoSuchBranch => UiLanguage.Pick("there is no branch '{0}' to merge into", "没有可供合并的分支“{0}”");
    public static string BadApplyMethod => UiLanguage.Pick("unknown apply method '{0}' (merge, patch or push)", "未知的应用方式“{0}”（merge、patch 或 push）");
    public static string PatchExported => UiLanguage.Pick("patch exported", "补丁已导出");
    public static string Pushed => UiLanguage.Pick("pushed to {0} as branch {1}", "已推送到 {0}，分支为 {1}");
    public static string PushFailed => UiLanguage.Pick("push to {0} branch {1} failed: {2}", "推送到 {0} 的分支 {1} 失败：{2}");
    public static string MergeConflicts => UiLanguage.Pick("{0} cannot be merged into {1} without conflicts (nothing was changed): {2}", "{0} 无法无冲突地合并到 {1}（未做任何更改）：{2}");
    public static string CheckoutDirty => UiLanguage.Pick("branch {0} is checked out in your repository and it has uncommitted changes: commit or stash them, then apply again (nothing was changed)", "分支 {0} 已在你的仓库中检出，且有未提交的更改：请先提交或暂存（stash），再重新应用（未做任何更改）");
    public static string Merged => UiLanguage.Pick("merged {0} into {1}", "已将 {0} 合并到 {1}");
    public const string MergeMessage = "Merge {0}: {1}";
    public const string CommitMessage = "wright: {0}";
    public static string ApprovalTimedOut => UiLanguage.Pick("no one answered the approval request within {0:0} seconds; the attempt stopped (answer sooner, or raise --approval-timeout, then retry or follow up)", "{0:0} 秒内无人回应批准请求，本次尝试已停止（请更早回应，或提高 --approval-timeout，然后重试或追问）");
    public static string AlreadyAnswered => UiLanguage.Pick("the approval request of call '{0}' (attempt {1} of task '{2}') was already answered: the first answer counts", "任务“{2}”第 {1} 次尝试中调用“{0}”的批准请求已有人回应：以第一个回应为准");
    public static string NoLongerWaiting => UiLanguage.Pick("the approval request of call '{0}' (attempt {1} of task '{2}') no longer waits: it timed out, its run was cancelled, or its node died and the attempt moved to another node, which asks again if it still needs the call", "任务“{2}”第 {1} 次尝试中调用“{0}”的批准请求已不再等待：它已超时、所在运行已取消，或其节点失效后尝试已转到另一节点（如仍需要该调用，新节点会重新请求批准）");
    public static string NoRun => UiLanguage.Pick("the attempt ended before its run started", "本次尝试在运行开始前就结束了");

    // Setup script (English and zh-CN).
    public static string SetupUntrusted => UiLanguage.Pick("the repository's .wright/setup.sh is not trusted as it is in this worktree, so it did not run (review it, then run `wright trust` in the repository)", "仓库的 .wright/setup.sh 在此工作树中的内容未被信任，因此没有运行（请先审阅，再在仓库中运行 `wright trust`）");
    public static string SetupUnreadable => UiLanguage.Pick("the repository's .wright/setup.sh did not run: it is not a regular file of at most 64 KB inside the repository (a link leading out, a FIFO, too large or binary)", "仓库的 .wright/setup.sh 没有运行：它不是仓库内不超过 64 KB 的普通文件（可能是指向仓库外的链接、FIFO、过大或二进制文件）");
    public static string SetupFailed => UiLanguage.Pick("setup failed: .wright/setup.sh exited with {0}; the agent did not start (the script's output is in the attempt's events)", "初始化失败：.wright/setup.sh 以 {0} 退出；智能体没有启动（脚本输出见该尝试的事件）");
    public static string SetupTimedOut => UiLanguage.Pick("setup failed: .wright/setup.sh did not finish within {0:0} seconds and was stopped; the agent did not start (raise --setup-timeout if it needs longer)", "初始化失败：.wright/setup.sh 未在 {0:0} 秒内完成，已被终止；智能体没有启动（如需更长时间，请提高 --setup-timeout）");
    public static string SetupCouldNotRun => UiLanguage.Pick("setup failed: {0}; the agent did not start", "初始化失败：{0}；智能体没有启动");

    // Remotes (a fleet's git URLs; English and zh-CN).
    public static string RemoteControl => UiLanguage.Pick("repository URL '{0}' is refused: it is empty, too long or contains control characters", "拒绝仓库 URL“{0}”：它为空、过长或含有控制字符");
    public static string RemoteOption => UiLanguage.Pick("repository URL '{0}' is refused: it starts with '-', so git would read it as an option", "拒绝仓库 URL“{0}”：它以“-”开头，git 会把它当作选项");
    public static string RemoteTransport => UiLanguage.Pick("repository URL '{0}' is refused: the '{1}::' transport runs a program on the host; use an https://, http://, ssh://, git://, file:// or user@host:path remote", "拒绝仓库 URL“{0}”：“{1}::”传输方式会在主机上运行程序；请使用 https://、http://、ssh://、git://、file:// 或 user@host:path 形式的远程仓库");
    public static string RemoteScheme => UiLanguage.Pick("repository URL '{0}' is refused: only https://, http://, ssh://, git://, file:// and user@host:path remotes are used", "拒绝仓库 URL“{0}”：只使用 https://、http://、ssh://、git://、file:// 和 user@host:path 形式的远程仓库");
    public static string RemoteCredentials => UiLanguage.Pick("repository URL '{0}' is refused: it carries credentials; a node authenticates with its user's own git setup (a credential helper, ssh keys), never with a secret in the URL", "拒绝仓库 URL“{0}”：它带有凭据；节点使用其用户自己的 git 配置（凭据助手、ssh 密钥）认证，绝不使用 URL 中的密钥");
    public static string RemoteHost => UiLanguage.Pick("repository URL '{0}' is refused: it names no host, or a host that starts with '-'", "拒绝仓库 URL“{0}”：没有主机名，或主机名以“-”开头");
    public static string RemoteUnreachable => UiLanguage.Pick("cannot fetch {0} from {1}: {2}", "无法从 {1} 获取 {0}：{2}");
    public static string BranchChanged => UiLanguage.Pick("{0} on {1} is no longer what its attempt pushed ({2}; now {3}): someone changed it after the attempt, so it is neither shown nor applied", "{1} 上的 {0} 已不是其尝试推送的提交（{2}；现为 {3}）：尝试结束后有人改动了它，因此不予显示或应用");
    public static string RemoteMoved => UiLanguage.Pick("{1} of {0} moved while {2} was being merged (or the push was refused): nothing was changed, apply again ({3})", "合并 {2} 期间 {0} 的 {1} 已变化（或推送被拒绝）：未做任何更改，请重新应用（{3}）");
    public static string MergedAndPushed => UiLanguage.Pick("merged {0} into {1} and pushed it to {2}", "已将 {0} 合并到 {1} 并推送到 {2}");
    public static string OtherRemote => UiLanguage.Pick("attempt branches of a task on {0} are pushed to that remote only (got '{1}'); apply with method patch to take the change elsewhere", "任务仓库为 {0} 时，尝试分支只推送到该远程仓库（收到“{1}”）；如需用到别处，请以 patch 方式应用");
}
