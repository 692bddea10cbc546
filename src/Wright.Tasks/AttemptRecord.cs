using System.Text.Json.Serialization;

namespace Wright.Tasks;

/// <summary>One attempt of a task: its own worktree, branch and session.</summary>
public sealed record AttemptRecord
{
    /// <summary>1-based number within the task.</summary>
    public required int Number { get; init; }

    /// <summary>A <see cref="TaskState"/>.</summary>
    public required string Status { get; init; }

    /// <summary>The branch, <c>wright/&lt;task&gt;-&lt;n&gt;</c>.</summary>
    public required string Branch { get; init; }

    /// <summary>The worktree's path under <c>$WRIGHT_HOME</c> (null once deleted).</summary>
    public string? Worktree { get; init; }

    /// <summary>The commit the attempt started from.</summary>
    public string? BaseCommit { get; init; }

    /// <summary>The runtime session (set once it started; a restart resumes it).</summary>
    public string? SessionId { get; init; }

    /// <summary>The prompt the next run of this attempt takes (the task's, a follow-up, or the resume note).</summary>
    public string? NextPrompt { get; init; }

    /// <summary>Why it failed, or the run's status when it ended otherwise than with an answer.</summary>
    public string? Error { get; init; }

    /// <summary>The last answer of the model.</summary>
    public string? Result { get; init; }

    /// <summary>Tokens in.</summary>
    public long InputTokens { get; init; }

    /// <summary>Tokens out.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Cost in US dollars (null: unknown).</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Time spent running, in milliseconds.</summary>
    public long DurationMs { get; init; }

    /// <summary>How many times the server resumed it after a restart.</summary>
    public int Resumes { get; init; }

    /// <summary>A person cancelled it while it ran (kept by the store apart from the rest; see <see cref="Store.ITaskStore.RequestCancel"/>).</summary>
    [JsonIgnore]
    public bool CancelRequested { get; init; }
}
