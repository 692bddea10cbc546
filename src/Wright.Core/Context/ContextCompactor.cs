using Microsoft.Extensions.AI;

namespace Wright.Core.Context;

/// <summary>
/// Shrinks a transcript that grows towards the model's context window, in two stages. Stage 1 replaces the outputs
/// of tool calls older than the latest turns by short placeholders (call ids kept, so every call still has its
/// result). If that is not enough, stage 2 asks a model for a structured summary of the older part and rebuilds the
/// transcript as: the pinned system message(s), the user's first request, one user message holding the summary, and
/// the latest turns, all verbatim. A cut never falls between a tool call and its result. The input is never mutated.
/// </summary>
public sealed partial class ContextCompactor
{
    /// <summary>Tool outputs shorter than this many characters are kept: a placeholder would save nothing.</summary>
    public const int MinElidedChars = 400;

    /// <summary>The first line of the message that carries a summary of compacted turns.</summary>
    public const string SummaryOpening = "<summary of earlier conversation>";

    private readonly CompactionOptions _options;
    private readonly TokenEstimator _estimator;
    private readonly ChatOptions? _template;

    /// <summary>Creates a compactor.</summary>
    /// <param name="options">Window, threshold and summarizer.</param>
    /// <param name="estimator">Token estimator (its cache is reused); null = <see cref="TokenEstimator.Shared"/>.</param>
    /// <param name="requestTemplate">
    /// The session's request options (model id, reasoning, ...), used for summary requests sent to the session's own
    /// client; tools and tool mode are never carried over.
    /// </param>
    public ContextCompactor(CompactionOptions options, TokenEstimator? estimator = null, ChatOptions? requestTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ContextWindow, 1, nameof(options));
        if (options.Threshold is <= 0 or > 1 || double.IsNaN(options.Threshold))
            throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "Threshold must be in (0, 1].");
        if (options.Target is <= 0 or > 1 || double.IsNaN(options.Target))
            throw new ArgumentOutOfRangeException(nameof(options), options.Target, "Target must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSummaryTokens, 1, nameof(options));
        _options = options;
        _estimator = estimator ?? TokenEstimator.Shared;
        _template = requestTemplate;
    }

    /// <summary>The options this compactor applies.</summary>
    public CompactionOptions Options => _options;

    /// <summary>
    /// Compacts <paramref name="transcript"/> when its estimate is above the threshold, or always when
    /// <paramref name="force"/> is set: then everything but the latest turn is elided and summarised. Summary
    /// requests go to <see cref="CompactionOptions.Summarizer"/>, else to <paramref name="client"/>. A failed summary
    /// is reported in <see cref="CompactionResult.Error"/>, never thrown.
    /// </summary>
    public Task<CompactionResult> CompactAsync(IReadOnlyList<ChatMessage> transcript, IChatClient client, bool force, CancellationToken cancellationToken) =>
        CompactAsync(transcript, client, force, null, cancellationToken);

    /// <summary>
    /// As <see cref="CompactAsync(IReadOnlyList{ChatMessage}, IChatClient, bool, CancellationToken)"/>, with the
    /// transcript's size as the caller measured it (e.g. the provider's reported input tokens, tool declarations
    /// included). Estimates are then scaled to that measure, so both sides of the threshold agree.
    /// </summary>
    public async Task<CompactionResult> CompactAsync(IReadOnlyList<ChatMessage> transcript, IChatClient client, bool force, int? measuredTokens,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(client);
        var estimated = _estimator.Count(transcript);
        var before = measuredTokens ?? estimated;
        var scale = measuredTokens is { } measured && estimated > 0 ? (double)measured / estimated : 1.0;
        int Measure(IReadOnlyList<ChatMessage> messages) => (int)Math.Round(_estimator.Count(messages) * scale);

        if (!force && before <= _options.ThresholdTokens)
            return new CompactionResult(transcript, before, before, CompactionStage.None, null);

        // Forced (/compact, or the provider reported an overflow): everything but the latest turn goes.
        var layout = force
            ? Layout.Of(transcript, 1, 0, _estimator)
            : Layout.Of(transcript, Math.Max(1, _options.MinRecentTurns), (int)(_options.RecentTokens / scale), _estimator);

        // Stage 1: elide old tool outputs.
        var elided = Elide(transcript, layout.PinnedEnd, layout.RecentStart, out var elidedAny);
        var stage = elidedAny ? CompactionStage.Elided : CompactionStage.None;
        var after = elidedAny ? Measure(elided) : before;
        if ((!force && after <= _options.TargetTokens) || !layout.HasOlder)
            return new CompactionResult(elidedAny ? elided : transcript, before, after, stage, null);

        // Stage 2: summarise the older part.
        Summary summary;
        try
        {
            summary = await SummarizeAsync(transcript, layout, client, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new CompactionResult(elidedAny ? elided : transcript, before, after, stage, null, $"the summary request failed: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(summary.Text))
            return new CompactionResult(elidedAny ? elided : transcript, before, after, stage, summary.Usage, "the summary model returned no text");

        var rebuilt = Rebuild(transcript, elided, layout, summary.Text);
        if (Measure(rebuilt) > _options.ThresholdTokens)
        {
            // The kept turns alone are too big: elide their tool outputs too, except the latest turn's.
            var keptFrom = rebuilt.Count - (transcript.Count - layout.RecentStart);
            var lastFrom = rebuilt.Count - (transcript.Count - layout.LastTurnStart);
            rebuilt = Elide(rebuilt, keptFrom, lastFrom, out _);
        }

        return new CompactionResult(rebuilt, before, Measure(rebuilt), CompactionStage.Summarized, summary.Usage);
    }

    /// <summary>A copy of <paramref name="messages"/> whose long tool outputs in [from, to) are placeholders.</summary>
    private static List<ChatMessage> Elide(IReadOnlyList<ChatMessage> messages, int from, int to, out bool changed)
    {
        changed = false;
        var result = new List<ChatMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (i >= from && i < to && message.Contents.Any(IsElidable))
            {
                var copy = message.Clone();
                copy.Contents = [.. message.Contents.Select(c => IsElidable(c) ? Placeholder((FunctionResultContent)c) : c)];
                message = copy;
                changed = true;
            }

            result.Add(message);
        }

        return result;
    }

    private static bool IsElidable(AIContent content) =>
        content is FunctionResultContent result && TokenEstimator.ResultText(result.Result).Length >= MinElidedChars;

    private static FunctionResultContent Placeholder(FunctionResultContent result)
    {
        var text = TokenEstimator.ResultText(result.Result);
        var lines = text.AsSpan().Count('\n') + (text.EndsWith('\n') ? 0 : 1);
        return new FunctionResultContent(result.CallId, $"[output elided to save context: {lines} lines; re-run the tool if needed]");
    }

    /// <summary>Pinned system messages, the first request, the summary, then the latest turns (from the elided copy).</summary>
    private static List<ChatMessage> Rebuild(IReadOnlyList<ChatMessage> transcript, List<ChatMessage> elided, Layout layout, string summary)
    {
        var rebuilt = new List<ChatMessage>(transcript.Count);
        for (var i = 0; i < layout.PinnedEnd; i++)
            rebuilt.Add(transcript[i]);
        if (layout.FirstRequest >= 0)
            rebuilt.Add(transcript[layout.FirstRequest]);
        rebuilt.Add(new ChatMessage(ChatRole.User,
            SummaryOpening + "\n" + summary.Trim() + "\n</summary>\n\n" +
            "Earlier turns of this conversation were compacted into the summary above to save context; the latest turns follow verbatim. " +
            "Re-read files or re-run tools when you need exact content."));
        for (var i = layout.RecentStart; i < elided.Count; i++)
            rebuilt.Add(elided[i]);
        return rebuilt;
    }
}
