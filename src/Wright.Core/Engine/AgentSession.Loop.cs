using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Core.Engine;

public sealed partial class AgentSession
{
    // The current run's totals (one run at a time).
    private TokenUsage _runUsage = TokenUsage.Zero;
    private decimal? _runCost;

    private async Task RunCoreAsync(string prompt, CancellationToken ct)
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
        var text = "";
        RunStatus status;
        var continued = false;
        try
        {
            if (!await SubmitAsync(prompt, ct))
            {
                EndRunSpan(span, RunStatus.Error, 0);
                Emit(new RunFinished(RunStatus.Error, "", 0, _runUsage, _runCost, (long)_time.GetElapsedTime(started).TotalMilliseconds));
                return;
            }

            while (true)
            {
                if (_options.MaxTurns is { } max && turn >= max)
                {
                    status = RunStatus.MaxTurns;
                    break;
                }

                if (_options.MaxBudgetUsd is { } budget && _runCost >= budget)
                {
                    status = RunStatus.Budget;
                    break;
                }

                turn++;
                using var turnSpan = StartTurnSpan(turn);
                Emit(new TurnStarted(turn));
                var response = await SampleWithinWindowAsync(turn, ct);
                Tally(turn, response.Usage);

                var before = _messages.Count;
                foreach (var message in response.Messages)
                    Append(message);
                if (!string.IsNullOrEmpty(response.Text))
                    text = response.Text;
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
        Emit(new RunFinished(status, text, turn, _runUsage, _runCost, (long)_time.GetElapsedTime(started).TotalMilliseconds));
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
    private async Task<bool> SubmitAsync(string prompt, CancellationToken ct)
    {
        if (_options.Hooks is not { } hooks)
        {
            Append(new ChatMessage(ChatRole.User, prompt));
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
        Append(new ChatMessage(ChatRole.User, context.Count == 0 ? prompt : prompt + "\n\n<hook-context>\n" + string.Join("\n", context) + "\n</hook-context>"));
        return true;
    }

    /// <summary>Streams one response. Deltas become events; retry notices drop partial output (never duplicated).</summary>
    private async Task<ChatResponse> SampleAsync(int turn, CancellationToken ct)
    {
        var updates = new List<ChatResponseUpdate>();
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
                                Emit(new ResponseDiscarded(turn, notice.Reason));
                            }
                            break;
                        case TextContent { Text.Length: > 0 } t:
                            Emit(new TextDelta(t.Text));
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

    /// <summary>Adds reported usage to the run's totals and reports it.</summary>
    private void Tally(int turn, UsageDetails? reported, string? model = null)
    {
        if (reported is null)
            return;
        var (usage, cost) = ToUsage(reported);
        _runUsage += usage;
        _runCost = cost is null ? _runCost : (_runCost ?? 0) + cost;
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
