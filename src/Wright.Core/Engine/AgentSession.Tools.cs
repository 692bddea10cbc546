using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Approvals;
using Wright.Core.Events;
using Wright.Core.Telemetry;
using Wright.Core.Tools;

namespace Wright.Core.Engine;

public sealed partial class AgentSession
{
    /// <summary>
    /// Runs the calls of one response: consecutive read-only calls concurrently, mutating ones alone and in order.
    /// Never throws; every call gets an outcome (interrupted when the run is cancelled).
    /// </summary>
    private async Task<ToolCallOutcome[]> DispatchAsync(List<FunctionCallContent> calls, CancellationToken ct)
    {
        var arguments = calls.Select(RawArguments).ToArray();
        for (var i = 0; i < calls.Count; i++)
            Emit(new ToolCallRequested(calls[i].CallId, calls[i].Name, arguments[i]));

        var outcomes = new ToolCallOutcome[calls.Count];
        var index = 0;
        while (index < calls.Count)
        {
            var end = index + 1;
            if (IsReadOnly(calls[index]))
            {
                while (end < calls.Count && IsReadOnly(calls[end]))
                    end++;
            }

            var batch = Enumerable.Range(index, end - index)
                .Select(async k => outcomes[k] = await RunOneAsync(calls[k], ct))
                .ToArray();
            await Task.WhenAll(batch);
            index = end;
        }

        return outcomes;
    }

    private bool IsMutating(FunctionCallContent call) =>
        _tools.TryGet(call.Name, out var tool) && tool.Effect != ToolEffect.ReadOnly;

    private bool IsReadOnly(FunctionCallContent call) =>
        _tools.TryGet(call.Name, out var tool) && tool.Effect == ToolEffect.ReadOnly;

    /// <summary>
    /// Dispatches one call through fixed steps: validate → pre-tool hooks → permission decision → (ask: emit
    /// <see cref="ApprovalRequested"/>, wait for the answer, record it) → run → post-tool hooks → observe (taint) →
    /// <see cref="ToolCallFinished"/>. Never throws; the duration excludes the time spent waiting for approval.
    /// </summary>
    private async Task<ToolCallOutcome> RunOneAsync(FunctionCallContent call, CancellationToken ct)
    {
        // The duration is the tool's own run when it ran (stopped when the tool returns, before any after-tool hook);
        // otherwise the dispatch time minus any wait for a person's approval (a person may take minutes).
        var started = _time.GetTimestamp();
        long? ranMs = null;
        var waited = TimeSpan.Zero;
        ToolCall? parsed = null;
        using var span = WrightTelemetry.Source.StartActivity($"execute_tool {call.Name}", ActivityKind.Internal);
        span?.SetTag(GenAiAttributes.OperationName, "execute_tool");
        span?.SetTag(GenAiAttributes.ToolName, call.Name);
        span?.SetTag(GenAiAttributes.ToolCallId, call.CallId);
        span?.SetTag(GenAiAttributes.ToolType, "function");
        ToolCallOutcome Finish(ToolCallStatus status, string content, string? untrusted = null)
        {
            if (_options.Redactor is { } redactor)
                content = redactor.Redact(content);
            var elapsed = ranMs is { } ran ? TimeSpan.FromMilliseconds(ran) : _time.GetElapsedTime(started) - waited;
            var outcome = new ToolCallOutcome(call.CallId, call.Name, status, content, (long)elapsed.TotalMilliseconds) { UntrustedSource = untrusted };
            var finished = new ToolCallFinished(outcome.CallId, outcome.Name, outcome.Status, outcome.Content, outcome.DurationMs)
            {
                UntrustedSource = untrusted,
            };
            if (parsed is not null)
                _permissions.Observe(parsed, finished);
            Emit(finished);
            var statusName = StatusName(status);
            span?.SetTag(GenAiAttributes.ToolStatus, statusName);
            if (status is ToolCallStatus.Error)
                span?.SetStatus(ActivityStatusCode.Error);
            WrightTelemetry.ToolDuration.Record(elapsed.TotalSeconds,
                new KeyValuePair<string, object?>(GenAiAttributes.ToolName, call.Name), new KeyValuePair<string, object?>(GenAiAttributes.ToolStatus, statusName));
            return outcome;
        }

        if (ct.IsCancellationRequested)
            return Finish(ToolCallStatus.Interrupted, "Interrupted: the user cancelled the run before this call started.");

        // 1. Validate.
        if (!_tools.TryGet(call.Name, out var tool))
        {
            return Finish(ToolCallStatus.Error,
                $"Error: unknown tool '{call.Name}'. Available tools: {string.Join(", ", _tools.Names)}.");
        }

        if (call.Exception is { } parseError)
        {
            return Finish(ToolCallStatus.Error,
                $"Error: the arguments for {call.Name} are not valid JSON ({parseError.Message}). Send one JSON object that matches the tool's schema.");
        }

        var args = ToJson(call.Arguments);
        if (ToolArgumentValidator.Validate(tool.ParametersSchema, args) is { } invalid)
            return Finish(ToolCallStatus.Error, $"Error: invalid arguments for {call.Name}: {invalid}.");

        try
        {
            parsed = new ToolCall(call.CallId, call.Name, args);

            // 2. Pre-tool hooks: block, approve, or rewrite the arguments.
            var pre = _options.ToolHooks is { } hooks ? await hooks.BeforeToolAsync(parsed, ct) : PreToolOutcome.Continue;
            if (pre.Blocked)
                return Finish(ToolCallStatus.Denied, $"Denied: {pre.Reason ?? "a hook blocked this call."}");
            if (pre.UpdatedArguments is { } updated)
            {
                if (ToolArgumentValidator.Validate(tool.ParametersSchema, updated) is { } rewrittenInvalid)
                    return Finish(ToolCallStatus.Error, $"Error: a hook rewrote the arguments of {call.Name} into invalid ones: {rewrittenInvalid}.");
                args = updated;
                parsed = parsed with { Arguments = updated };
            }

            // 3. Permission decision; 4. when a person must decide, the approval protocol.
            var approval = await _permissions.DecideAsync(parsed, tool, ct);
            if (approval.Request is { } question)
            {
                if (pre.Approved)
                {
                    approval = ToolApproval.Allow;
                }
                else
                {
                    var waitStarted = _time.GetTimestamp();
                    var request = question with { CallId = call.CallId, Arguments = Compact(args) };
                    var answer = await AwaitApprovalAsync(request, ct);
                    waited = _time.GetElapsedTime(waitStarted);
                    span?.SetTag(GenAiAttributes.ApprovalWaitMs, (long)waited.TotalMilliseconds);
                    approval = _permissions.Resolve(parsed, request, answer);
                }
            }

            if (!approval.Allowed)
                return Finish(ToolCallStatus.Denied, $"Denied: {approval.Reason ?? "the permission settings do not allow this call."}");

            // 5. Run; 6. post-tool hooks.
            var ran = _time.GetTimestamp();
            var result = await tool.InvokeAsync(args, _toolContext.ForCall(call.CallId), ct);
            ranMs = (long)_time.GetElapsedTime(ran).TotalMilliseconds;
            if (_options.ToolHooks is { } post && await post.AfterToolAsync(parsed, result, ct) is { Length: > 0 } feedback)
                result = result with { Content = result.Content + "\n\n" + feedback };

            // 7. Observe (in Finish) and report.
            return Finish(result.IsError ? ToolCallStatus.Error : ToolCallStatus.Ok, result.Content, result.UntrustedSource);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Finish(ToolCallStatus.Interrupted, "Interrupted: the user cancelled the run while this call was running; its effects may be partial.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Finish(ToolCallStatus.Error, $"Error: {call.Name} failed: {ex.Message}");
        }
    }

    /// <summary>
    /// Emits <see cref="ApprovalRequested"/>, then waits for the first answer: a <see cref="ResolveApproval"/> operation
    /// or the host's <see cref="AgentOptions.Approvals"/> prompt (whose answer is applied as that operation). Emits
    /// <see cref="ApprovalResolved"/>; cancellation withdraws the request.
    /// </summary>
    private async Task<ApprovalAnswer> AwaitApprovalAsync(ApprovalRequest request, CancellationToken ct)
    {
        var (answer, withdraw) = _pending.Open(Id, request);
        using (withdraw)
        {
            Emit(new ApprovalRequested(request));
            using var asking = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (_options.Approvals is { } prompt)
                _ = AskPromptAsync(prompt, request, asking.Token);
            try
            {
                var result = await answer.WaitAsync(ct);
                Emit(new ApprovalResolved(request.CallId, result.Allowed, result.Allowed && result.Remember, result.Reason ?? result.Feedback));
                return result;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Emit(new ApprovalResolved(request.CallId, false, false, "cancelled"));
                throw;
            }
            finally
            {
                // The prompt stops asking once the request was answered elsewhere (or the run was cancelled).
                await asking.CancelAsync();
            }
        }
    }

    private async Task AskPromptAsync(IApprovalPrompt prompt, ApprovalRequest request, CancellationToken ct)
    {
        ApprovalAnswer answer;
        try
        {
            answer = await prompt.AskAsync(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            answer = ApprovalAnswer.Refuse($"the approval could not be asked ({ex.Message}).");
        }

        _pending.Resolve(request.CallId, answer, Id);
    }

    private static string StatusName(ToolCallStatus status) => status switch
    {
        ToolCallStatus.Ok => "ok",
        ToolCallStatus.Error => "error",
        ToolCallStatus.Denied => "denied",
        _ => "interrupted",
    };

    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    private static JsonElement ToJson(IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
            return JsonDocument.Parse("{}").RootElement;
        return JsonSerializer.SerializeToElement(arguments, CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>)));
    }

    private static string RawArguments(FunctionCallContent call) =>
        call.Exception is null ? Compact(ToJson(call.Arguments)) : "";

    private static string Compact(JsonElement arguments) => JsonSerializer.Serialize(arguments, CompactJson.GetTypeInfo(typeof(JsonElement)));
}
