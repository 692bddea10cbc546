using Microsoft.Extensions.AI;

namespace Wright.Core.Context;

/// <summary>
/// When and how the engine compacts a transcript that grows towards the model's context window. Compaction first
/// elides old tool outputs; when that is not enough it replaces the older part of the conversation by a summary
/// written by the model. The system prompt, the user's first request and the latest turns are always kept verbatim.
/// </summary>
public sealed class CompactionOptions
{
    /// <summary>
    /// The model's context window in tokens (input and output). A host that switches model between runs sets the new
    /// model's window here; the thresholds below follow it.
    /// </summary>
    public required int ContextWindow { get; set; }

    /// <summary>Compact before a request when the transcript would take more than this share of the window.</summary>
    public double Threshold { get; init; } = 0.85;

    /// <summary>
    /// Eliding old tool outputs is enough when it brings the transcript under this share of the window; otherwise
    /// the older part is summarised too. Keeps compaction from running again a few turns later.
    /// </summary>
    public double Target { get; init; } = 0.6;

    /// <summary>Tokens of latest turns kept verbatim; null = 20% of <see cref="ContextWindow"/>.</summary>
    public int? KeepRecentTokens { get; init; }

    /// <summary>
    /// Latest turns kept verbatim even when they exceed <see cref="KeepRecentTokens"/>. A turn is a user message, or
    /// an assistant message with the results of its tool calls (never split).
    /// </summary>
    public int MinRecentTurns { get; init; } = 2;

    /// <summary>The client that writes summaries (<c>--compact-model</c>); null = the session's own client.</summary>
    public IChatClient? Summarizer { get; init; }

    /// <summary>The model id sent with summary requests to <see cref="Summarizer"/>; null = the client's default.</summary>
    public string? SummarizerModelId { get; init; }

    /// <summary>The name the summaries' usage is recorded under (e.g. <c>deepseek/deepseek-chat</c>) when <see cref="Summarizer"/> is set.</summary>
    public string? SummarizerName { get; init; }

    /// <summary>At most this many output tokens for a summary.</summary>
    public int MaxSummaryTokens { get; init; } = 4_096;

    /// <summary>Tokens above which a request triggers compaction.</summary>
    public int ThresholdTokens => (int)(ContextWindow * Threshold);

    /// <summary>Tokens under which eliding tool outputs suffices.</summary>
    public int TargetTokens => (int)(ContextWindow * Math.Min(Target, Threshold));

    /// <summary>The effective <see cref="KeepRecentTokens"/>.</summary>
    public int RecentTokens => KeepRecentTokens ?? ContextWindow / 5;
}
