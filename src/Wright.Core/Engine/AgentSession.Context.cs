using Microsoft.Extensions.AI;
using Wright.Core.Context;
using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Core.Engine;

public sealed partial class AgentSession
{
    private readonly TokenEstimator _estimator = new();
    private ContextCompactor? _compactor;

    // The provider's input-token count for the last request, the transcript length it covered and that request's
    // last message: the truth the next estimate starts from (only messages added since are estimated).
    private long? _anchorTokens;
    private int _anchorCount;
    private ChatMessage? _anchorLast;

    private ContextCompactor? Compactor =>
        _options.Compaction is { } compaction ? _compactor ??= new ContextCompactor(compaction, _estimator, _options.ChatOptions) : null;

    /// <summary>What fills the context the next request would carry (<c>/context</c>): tokens by kind, and the largest items.</summary>
    public ContextUsage MeasureContext() => ContextUsage.Measure(_messages, _tools.Declarations, _estimator);

    /// <summary>
    /// Compacts the transcript now (<c>/compact</c>): old tool outputs are elided and the older part of the
    /// conversation is summarised, whatever its size. Only between runs: throws
    /// <see cref="InvalidOperationException"/> while a run is in progress or when the session has no
    /// <see cref="AgentOptions.Compaction"/>. The returned event is also recorded in the journal, after a
    /// <see cref="UsageReported"/> (turn 0) for the summary request when there was one.
    /// </summary>
    public async Task<ContextCompacted> CompactAsync(CancellationToken cancellationToken = default)
    {
        if (Compactor is null)
            throw new InvalidOperationException("Compaction is not configured for this session (its context window is unknown).");
        if (!await _runLock.WaitAsync(0, CancellationToken.None))
            throw new InvalidOperationException("A run is in progress in this session; compact after it finishes.");
        try
        {
            return await CompactTranscriptAsync(0, force: true, EstimateTokens(), cancellationToken);
        }
        finally
        {
            _runLock.Release();
        }
    }

    /// <summary>
    /// Samples one response within the context window: compacts first when the transcript nears the threshold, and
    /// when the provider still reports a context overflow, compacts harder and sends the request once more.
    /// </summary>
    private async Task<ChatResponse> SampleWithinWindowAsync(int turn, CancellationToken ct)
    {
        if (Compactor is { } compactor && NearsThreshold(compactor.Options.ThresholdTokens, out var tokens))
            await CompactTranscriptAsync(turn, force: false, tokens, ct);

        var sent = _messages.Count;
        ChatResponse response;
        try
        {
            response = await SampleAsync(turn, ct);
        }
        catch (ProviderException ex) when (ex.Kind == ErrorKind.ContextOverflow && Compactor is not null)
        {
            var compacted = await CompactTranscriptAsync(turn, force: true, EstimateTokens(), ct);
            if (compacted.Stage == "none")
                throw;
            sent = _messages.Count;
            response = await SampleAsync(turn, ct);
        }

        Anchor(response.Usage, sent);
        return response;
    }

    /// <summary>Whether the next request is above <paramref name="limit"/> tokens, trying a tokenizer-free bound first.</summary>
    private bool NearsThreshold(int limit, out int tokens)
    {
        tokens = 0;
        var bound = AnchorValid()
            ? _anchorTokens!.Value + TokenEstimator.UpperBound(_messages.Skip(_anchorCount))
            : TokenEstimator.UpperBound(_messages) + TokenEstimator.UpperBound(_tools.Declarations);
        if (bound <= limit)
            return false;
        tokens = EstimateTokens();
        return tokens > limit;
    }

    /// <summary>The next request's input tokens: the provider's last count plus an estimate of what was added since.</summary>
    private int EstimateTokens()
    {
        var estimate = AnchorValid()
            ? _anchorTokens!.Value + _estimator.Count(_messages.Skip(_anchorCount))
            : _estimator.Count(_messages) + _estimator.CountTools(_tools.Declarations);
        return (int)Math.Min(int.MaxValue, estimate);
    }

    private bool AnchorValid() =>
        _anchorTokens is not null && _anchorCount > 0 && _anchorCount <= _messages.Count && ReferenceEquals(_messages[_anchorCount - 1], _anchorLast);

    private void Anchor(UsageDetails? usage, int sent)
    {
        if (usage?.InputTokenCount is > 0 and var input && sent > 0 && sent <= _messages.Count)
        {
            _anchorTokens = input;
            _anchorCount = sent;
            _anchorLast = _messages[sent - 1];
        }
        else
        {
            _anchorTokens = null;
        }
    }

    /// <summary>
    /// Runs the compactor on the transcript; a changed transcript is journalled and replaces the current one. Emits
    /// <see cref="ContextCompacted"/> when something changed, failed or was asked for, after a
    /// <see cref="UsageReported"/> for the summary request (within a run its usage joins the run's totals).
    /// </summary>
    private async Task<ContextCompacted> CompactTranscriptAsync(int turn, bool force, int tokens, CancellationToken ct)
    {
        if (_options.Hooks is { } hooks)
            await hooks.OnPreCompactAsync(turn == 0 ? "manual" : "auto", ct);
        var result = await Compactor!.CompactAsync([.. _messages], _client, force, tokens, ct);
        if (result.Stage != CompactionStage.None)
        {
            _journal?.RecordTranscript(result.Transcript);
            _messages.Clear();
            _messages.AddRange(result.Transcript);
            _anchorTokens = null;
        }

        TokenUsage? summaryUsage = null;
        decimal? summaryCost = null;
        if (result.SummaryUsage is { } details)
        {
            (summaryUsage, summaryCost) = ToUsage(details);
            var model = _options.Compaction!.Summarizer is null ? null : _options.Compaction.SummarizerName;
            if (turn > 0)
                Tally(turn, details, model);
            else
                Emit(new UsageReported(0, summaryUsage, summaryCost, model));
        }

        var compacted = new ContextCompacted(turn, result.TokensBefore, result.TokensAfter, result.StageName, summaryUsage, summaryCost, result.Error)
        {
            SessionId = Id,
            Time = _time.GetUtcNow(),
        };
        if (result.Stage != CompactionStage.None || result.Error is not null || force)
        {
            _journal?.Record(compacted);
            _events?.TryWrite(compacted);
        }

        return compacted;
    }
}
