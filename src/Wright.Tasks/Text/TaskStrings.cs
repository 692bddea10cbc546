using Wright.Core.Localization;

namespace Wright.Tasks.Text;

/// <summary>Every user-facing string of the task scheduler (for translation).</summary>
internal static class TaskStrings
{
    public const string ResumeNote = "Wright's server restarted while you were working on this task. Your earlier tool calls and their results are above; a call marked as interrupted may or may not have taken effect. Continue the task from where you stopped, without redoing finished steps.";
    public const string Resuming = "resuming after a restart";
    public const string Retrying = "retry";
    public const string FollowUpQueued = "follow-up queued";
    public const string CancelledByPerson = "cancelled";
    public const string EmptyPrompt = "the prompt is empty";
    public const string BadAttempts = "attempts must be between 1 and 8 (got {0})";
    public const string BadMode = "unknown permission mode '{0}' (plan, ask, accept-edits, auto, yolo)";
    public const string BadBudget = "budget_usd must be positive";
    public const string NoSuchTask = "no task '{0}'";
    public const string NoSuchAttempt = "task '{0}' has no attempt {1}";
    public const string StillRunning = "attempt {1} of task '{0}' is still queued or running: wait for it to finish or cancel it first";
    public const string NotStarted = "attempt {1} of task '{0}' has not started yet: it has no worktree";
    public const string NoSuchBase = "'{0}' is not a branch or commit of {1}";
    public const string NoSuchBranch = "there is no branch '{0}' to merge into";
    public const string BadApplyMethod = "unknown apply method '{0}' (merge, patch or push)";
    public const string PatchExported = "patch exported";
    public const string Pushed = "pushed to {0} as branch {1}";
    public const string PushFailed = "push to {0} branch {1} failed: {2}";
    public const string MergeConflicts = "{0} cannot be merged into {1} without conflicts (nothing was changed): {2}";
    public const string CheckoutDirty = "branch {0} is checked out in your repository and it has uncommitted changes: commit or stash them, then apply again (nothing was changed)";
    public const string Merged = "merged {0} into {1}";
    public const string MergeMessage = "Merge {0}: {1}";
    public const string CommitMessage = "wright: {0}";
    public const string ApprovalTimedOut = "no one answered the approval request within {0:0} seconds; the attempt stopped (answer sooner, or raise --approval-timeout, then retry or follow up)";
    public const string NoRun = "the attempt ended before its run started";

    // Setup script (English and zh-CN).
    public static string SetupUntrusted => UiLanguage.Pick("the repository's .wright/setup.sh is not trusted as it is in this worktree, so it did not run (review it, then run `wright trust` in the repository)", "仓库的 .wright/setup.sh 在此工作树中的内容未被信任，因此没有运行（请先审阅，再在仓库中运行 `wright trust`）");
    public static string SetupUnreadable => UiLanguage.Pick("the repository's .wright/setup.sh did not run: it is not a regular file of at most 64 KB inside the repository (a link leading out, a FIFO, too large or binary)", "仓库的 .wright/setup.sh 没有运行：它不是仓库内不超过 64 KB 的普通文件（可能是指向仓库外的链接、FIFO、过大或二进制文件）");
    public static string SetupFailed => UiLanguage.Pick("setup failed: .wright/setup.sh exited with {0}; the agent did not start (the script's output is in the attempt's events)", "初始化失败：.wright/setup.sh 以 {0} 退出；智能体没有启动（脚本输出见该尝试的事件）");
    public static string SetupTimedOut => UiLanguage.Pick("setup failed: .wright/setup.sh did not finish within {0:0} seconds and was stopped; the agent did not start (raise --setup-timeout if it needs longer)", "初始化失败：.wright/setup.sh 未在 {0:0} 秒内完成，已被终止；智能体没有启动（如需更长时间，请提高 --setup-timeout）");
    public static string SetupCouldNotRun => UiLanguage.Pick("setup failed: {0}; the agent did not start", "初始化失败：{0}；智能体没有启动");
}
