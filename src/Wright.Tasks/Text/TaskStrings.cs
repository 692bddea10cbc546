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
}
