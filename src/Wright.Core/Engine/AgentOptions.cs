using Microsoft.Extensions.AI;
using Wright.Core.Approvals;
using Wright.Core.Context;
using Wright.Core.Tools;

namespace Wright.Core.Engine;

/// <summary>How a session runs.</summary>
public sealed class AgentOptions
{
    /// <summary>The model spec shown in events (e.g. <c>anthropic/claude-sonnet-4-5</c>).</summary>
    public required string Model { get; init; }

    /// <summary>Canonical absolute path of the workspace.</summary>
    public required string Workspace { get; init; }

    /// <summary>Folder for this session's files (full tool outputs etc.).</summary>
    public required string SessionDirectory { get; init; }

    /// <summary>The system prompt, pinned at the start of the conversation.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>At most this many sampling requests per run; null = unlimited.</summary>
    public int? MaxTurns { get; init; }

    /// <summary>Stop (status budget) once the run's cost reaches this many US dollars; null = no limit.</summary>
    public decimal? MaxBudgetUsd { get; init; }

    /// <summary>Template for every request's options (reasoning effort, max output tokens, ...).</summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>Session id; a new one is made when null.</summary>
    public string? SessionId { get; init; }

    /// <summary>A transcript to continue (resume or fork). When set, <see cref="SystemPrompt"/> is not added again.</summary>
    public IReadOnlyList<ChatMessage>? History { get; init; }

    /// <summary>Applied to every tool result before the model, the journal or a host sees it.</summary>
    public IRedactor? Redactor { get; init; }

    /// <summary>Session-level hooks (session start, prompt submit, pre-compact, stop).</summary>
    public ISessionHooks? Hooks { get; init; }

    /// <summary>Hooks around each tool call (pre-tool before the permission decision, post-tool after the tool ran).</summary>
    public IToolHooks? ToolHooks { get; init; }

    /// <summary>
    /// Answers approval requests on the host's behalf (a terminal dialog, a headless policy, an ACP client); null = each
    /// request waits for a <see cref="AgentSession.ResolveApproval"/> operation.
    /// </summary>
    public IApprovalPrompt? Approvals { get; init; }

    /// <summary>Where this session's approval requests wait; share one between a session and its subagents. Null = its own.</summary>
    public PendingApprovals? PendingApprovals { get; init; }

    /// <summary>The agent's name in telemetry (<c>gen_ai.agent.name</c>); subagents use their definition's name.</summary>
    public string AgentName { get; init; } = "wright";

    /// <summary>Where the session is recorded (write-ahead); null = not recorded.</summary>
    public ISessionJournal? Journal { get; init; }

    /// <summary>Snapshots the workspace before each turn's first mutating tool call (rewind); null = no snapshots.</summary>
    public IWorkspaceCheckpoints? Checkpoints { get; init; }

    /// <summary>
    /// Automatic context compaction before requests that would near the context window, and once after a context
    /// overflow; null = never compact (an overflow ends the run).
    /// </summary>
    public CompactionOptions? Compaction { get; init; }
}
