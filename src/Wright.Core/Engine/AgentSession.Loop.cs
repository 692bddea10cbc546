using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Core.Engine;

public sealed partial class AgentSession
{
    // The current run's totals (one run at a time).
    private TokenUsage _runUsage = TokenUsage.Zero;
    private decimal? _runCost;

    /// <summary>The model that answered the current request when a fallback client switched away from the session's (null otherwise).</summary>
    private string? _answeringModel;

    // Whether some usage of the current run had no price: its cost is then unknown, never a partial sum.
    private bool _runUnpriced;

    /// <summary>The run's cost: null while unknown (nothing priced yet, or some usage unpriced).</summary>
    private decimal? RunCost => _runUnpriced ? null : _runCost;

    private async Task RunCoreAsync(string prompt, IReadOnlyList<AIContent> attachments, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        using var span = StartRunSpan();
        if (!_announced)
        {
            Emit(new SessionStarted(_model, _options.Workspace, _tools.Names));
            _announced = true;
        }

        var turn = 0;
        _runUsage = TokenUsage.Zero;
        _runCost = null;
        _runUnpriced = false;
        var text = "";
        RunStatus status;
        var continued = false;
        var truncated = false;
        try
        {
            if (!await SubmitAsync(prompt, attachments, ct))
            {
                EndRunSpan(span, RunStatus.Error, 0);
                Emit(new RunFinished(RunStatus.Error, "", 0, _runUsage, RunCost, (long)_time.GetElapsedTime(started).TotalMilliseconds));
                return;
            }

            while (true)
            {
                if (_options.MaxTurns is { } max && turn >= max)
                {
                    status = RunStatus.MaxTurns;
                    break;
                }

                if (_options.MaxBudgetUsd is { } budget && RunCost >= budget)
                {
                    status = RunStatus.Budget;
                    break;
                }

                turn++;
                using var turnSpan = StartTurnSpan(turn);
                Emit(new TurnStarted(turn));
                var response = await SampleWithinWindowAsync(turn, ct);
                Tally(turn, response.Usage, _answeringModel);
                if (_options.MaxBudgetUsd is not null && _runUnpriced)
                {
                    // Hosts refuse a budget for a model without a price; this guards every other way in (subagents, /model).
                    Emit(new ErrorOccurred(ErrorKind.Configuration,
                        "the budget cannot be enforced: the provider reported usage that has no price. Configure the model's input_price and output_price, or run without a budget."));
                    status = RunStatus.Error;
                    break;
                }

                var refused = TakeRefusal(response);
                var before = _messages.Count;
                foreach (var message in response.Messages)
                    Append(message);
                if (!string.IsNullOrEmpty(response.Text))
                    text = response.Text;
                if (refused)
                {
                    // A refusal ends the run with the model's explanation; no tool call of that response runs.
                    Emit(new TurnFinished(turn, 0));
                    status = RunStatus.Refusal;
                    break;
                }

                var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                if (calls.Count == 0)
                {
                    Emit(new TurnFinished(turn, 0));
                    if (_options.Hooks is { } hooks && await hooks.OnStopAsync(text, continued, ct) is { Length: > 0 } keepGoing)
                    {
                        // A stop hook asked for more work: its reason becomes the next user message.
                        continued = true;
                        Append(new ChatMessage(ChatRole.User, keepGoing));
                        continue;
                    }

                    truncated = response.FinishReason == ChatFinishReason.Length;
                    status = RunStatus.Success;
                    break;
                }

                if (_options.Checkpoints is { } checkpoints && calls.Any(IsMutating))
                    await CheckpointAsync(checkpoints, turn, before, ct);
                var outcomes = await DispatchAsync(calls, ct);
                Append(new ChatMessage(ChatRole.Tool, [.. outcomes.Select(o => (AIContent)o.ToContent())]));
                Emit(new TurnFinished(turn, calls.Count));
                ct.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            status = RunStatus.Cancelled;
        }
        catch (ProviderException ex)
        {
            Emit(new ErrorOccurred(ex.Kind, ex.Message));
            status = RunStatus.Error;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Emit(new ErrorOccurred(ErrorKind.Unknown, $"{ex.GetType().Name}: {ex.Message}"));
            status = RunStatus.Error;
        }

        EndRunSpan(span, status, turn);
        Emit(new RunFinished(status, text, turn, _runUsage, RunCost, (long)_time.GetElapsedTime(started).TotalMilliseconds) { Truncated = truncated });
    }

    private async Task CheckpointAsync(IWorkspaceCheckpoints checkpoints, int turn, int messages, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        try
        {
            var id = await checkpoints.CheckpointAsync(Id, turn, ct);
            Emit(new CheckpointCreated(turn, id, messages, (long)_time.GetElapsedTime(started).TotalMilliseconds));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Emit(new CheckpointCreated(turn, null, messages, (long)_time.GetElapsedTime(started).TotalMilliseconds, ex.Message));
        }
    }

    /// <summary>Runs the session-start and prompt hooks, then appends the prompt; false when a hook blocked it.</summary>
    private async Task<bool> SubmitAsync(string prompt, IReadOnlyList<AIContent> attachments, CancellationToken ct)
    {
        if (_options.Hooks is not { } hooks)
        {
            Append(UserMessage(prompt, attachments));
            return true;
        }

        var context = new List<string>();
        if (!_hookStarted)
        {
            _hookStarted = true;
            if (await hooks.OnSessionStartAsync(_options.History is { Count: > 0 } ? "resume" : "startup", ct) is { Length: > 0 } start)
                context.Add(start);
        }

        var outcome = await hooks.OnUserPromptAsync(prompt, ct);
        if (outcome.Blocked)
        {
            Emit(new ErrorOccurred(ErrorKind.Permission, $"a prompt hook blocked this prompt: {outcome.Reason ?? "no reason given"}"));
            return false;
        }

        if (outcome.AdditionalContext is { Length: > 0 } extra)
            context.Add(extra);
        Append(UserMessage(context.Count == 0 ? prompt : prompt + "\n\n<hook-context>\n" + string.Join("\n", context) + "\n</hook-context>", attachments));
        return true;
    }

    /// <summary>The user's message: the prompt's text, then its attachments.</summary>
    private static ChatMessage UserMessage(string text, IReadOnlyList<AIContent> attachments) =>
        attachments.Count == 0 ? new ChatMessage(ChatRole.User, text) : new ChatMessage(ChatRole.User, [new TextContent(text), .. attachments]);

    /// <summary>Streams one response. Deltas become events; retry notices drop partial output (never duplicated).</summary>
    private async Task<ChatResponse> SampleAsync(int turn, CancellationToken ct)
    {
        var updates = new List<ChatResponseUpdate>();
        _answeringModel = null;
        var streamedText = false;
        var refusing = false;
        var options = _options.ChatOptions?.Clone() ?? new ChatOptions();
        options.Tools = _tools.Declarations;
        var requested = _time.GetTimestamp();
        using var span = StartChatSpan(options.ModelId);
        try
        {
            await foreach (var update in _client.GetStreamingResponseAsync(_messages, options, ct))
            {
                var keep = true;
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case RetryNoticeContent notice:
                            keep = false;
                            Emit(new RetryScheduled(notice.Attempt, (long)notice.Delay.TotalMilliseconds, notice.Reason));
                            if (notice.DiscardPartial && updates.Count > 0)
                            {
                                updates.Clear();
                                streamedText = refusing = false;
                                Emit(new ResponseDiscarded(turn, notice.Reason));
                            }
                            break;
                        case ModelSwitchContent switched:
                            keep = false;
                            _answeringModel = switched.To;
                            Emit(new ModelSwitched(switched.From, switched.To, switched.Reason));
                            if (updates.Count > 0)
                            {
                                updates.Clear();
                                streamedText = refusing = false;
                                Emit(new ResponseDiscarded(turn, switched.Reason));
                            }

                            break;
                        case TextContent { Text.Length: > 0 } t:
                            streamedText = true;
                            Emit(new TextDelta(t.Text));
                            break;
                        case RefusalContent { Text.Length: > 0 } refusal:
                            // Shown as the model's words, apart from any answer it had begun.
                            Emit(new TextDelta((streamedText && !refusing ? "\n\n" : "") + refusal.Text));
                            refusing = true;
                            break;
                        case TextReasoningContent { Text.Length: > 0 } r:
                            Emit(new ReasoningDelta(r.Text));
                            break;
                    }
                }

                if (keep)
                    updates.Add(update);
            }
        }
        catch (OperationCanceledException ex) when (ct.IsCancellationRequested)
        {
            EndChatSpan(span, options.ModelId, requested, null, ex);
            // Keep what the user already saw, but never a half-formed tool call.
            var partial = updates.ToChatResponse().Text;
            if (!string.IsNullOrEmpty(partial))
                Append(new ChatMessage(ChatRole.Assistant, partial + "\n[interrupted]"));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EndChatSpan(span, options.ModelId, requested, null, ex);
            throw;
        }

        var response = updates.ToChatResponse();
        EndChatSpan(span, options.ModelId, requested, response, null);
        return response;
    }

    /// <summary>
    /// Whether <paramref name="response"/> is a refusal (<see cref="RefusalContent"/>, or the provider's content filter
    /// stopped it). A refusal's explanation becomes the response's text, as it was shown while streaming, and its tool
    /// calls are dropped: none of them runs and the transcript stays valid.
    /// </summary>
    private static bool TakeRefusal(ChatResponse response)
    {
        if (response.FinishReason != ChatFinishReason.ContentFilter && !response.Messages.Any(m => m.Contents.Any(c => c is RefusalContent)))
            return false;
        foreach (var message in response.Messages)
        {
            var contents = new List<AIContent>();
            var refused = false;
            foreach (var content in message.Contents)
            {
                if (content is FunctionCallContent)
                    continue;
                if (content is RefusalContent refusal)
                {
                    if (!refused && contents.OfType<TextContent>().Any(t => t.Text.Length > 0))
                        contents.Add(new TextContent("\n\n"));
                    refused = true;
                    contents.Add(new TextContent(refusal.Text));
                    continue;
                }

                contents.Add(content);
            }

            message.Contents = contents;
        }

        if (string.IsNullOrWhiteSpace(response.Text))
        {
            const string Declined = "(The model declined to answer.)";
            if (response.Messages.LastOrDefault() is { } last)
                last.Contents.Add(new TextContent(Declined));
            else
                response.Messages.Add(new ChatMessage(ChatRole.Assistant, Declined));
        }

        return true;
    }

    /// <summary>Adds reported usage to the run's totals and reports it.</summary>
    private void Tally(int turn, UsageDetails? reported, string? model = null)
    {
        if (reported is null)
            return;
        var (usage, cost) = ToUsage(reported);
        _runUsage += usage;
        _runCost = cost is null ? _runCost : (_runCost ?? 0) + cost;
        _runUnpriced |= cost is null && usage != TokenUsage.Zero;
        Emit(new UsageReported(turn, usage, cost, model));
    }

    private static (TokenUsage Usage, decimal? Cost) ToUsage(UsageDetails details)
    {
        long Extra(string key) => details.AdditionalCounts is { } counts && counts.TryGetValue(key, out var v) ? v : 0;
        var cacheRead = details.CachedInputTokenCount ?? 0;
        var cacheWrite = Extra(UsageKeys.CacheWriteTokens);
        var input = Math.Max(0, (details.InputTokenCount ?? 0) - cacheRead - cacheWrite);
        decimal? cost = details.AdditionalCounts?.ContainsKey(UsageKeys.CostNanoUsd) == true
            ? Extra(UsageKeys.CostNanoUsd) / 1_000_000_000m
            : null;
        return (new TokenUsage(input, details.OutputTokenCount ?? 0, cacheRead, cacheWrite), cost);
    }
}
