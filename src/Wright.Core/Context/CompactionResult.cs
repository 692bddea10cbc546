using Microsoft.Extensions.AI;

namespace Wright.Core.Context;

/// <summary>
/// The outcome of <see cref="ContextCompactor.CompactAsync(IReadOnlyList{ChatMessage}, IChatClient, bool, CancellationToken)"/>.
/// <see cref="Transcript"/> is the input itself when <see cref="Stage"/> is <see cref="CompactionStage.None"/>.
/// </summary>
/// <param name="Transcript">The transcript to continue with.</param>
/// <param name="TokensBefore">Estimated tokens before compaction.</param>
/// <param name="TokensAfter">Estimated tokens after compaction.</param>
/// <param name="Stage">How far compaction went.</param>
/// <param name="SummaryUsage">What the summary request used, when there was one.</param>
/// <param name="Error">Why the summary failed, when it did; the transcript is then the elided one.</param>
public sealed record CompactionResult(
    IReadOnlyList<ChatMessage> Transcript,
    int TokensBefore,
    int TokensAfter,
    CompactionStage Stage,
    UsageDetails? SummaryUsage,
    string? Error = null)
{
    /// <summary>The stage as the event's wire name: <c>none</c>, <c>elided</c> or <c>summarized</c>.</summary>
    public string StageName => Stage switch
    {
        CompactionStage.Elided => "elided",
        CompactionStage.Summarized => "summarized",
        _ => "none",
    };
}
