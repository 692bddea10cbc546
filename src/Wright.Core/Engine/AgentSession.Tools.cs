using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
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

    private async Task<ToolCallOutcome> RunOneAsync(FunctionCallContent call, CancellationToken ct)
    {
        // The duration is the tool's own run: the clock restarts once the call is approved (a person may take minutes)
        // and stops when the tool returns, before any after-tool hook.
        var started = _time.GetTimestamp();
        long? ranMs = null;
        ToolCall? parsed = null;
        ToolCallOutcome Finish(ToolCallStatus status, string content, string? untrusted = null)
        {
            if (_options.Redactor is { } redactor)
                content = redactor.Redact(content);
            var outcome = new ToolCallOutcome(call.CallId, call.Name, status, content,
                ranMs ?? (long)_time.GetElapsedTime(started).TotalMilliseconds) { UntrustedSource = untrusted };
            var finished = new ToolCallFinished(outcome.CallId, outcome.Name, outcome.Status, outcome.Content, outcome.DurationMs)
            {
                UntrustedSource = untrusted,
            };
            if (parsed is not null && _approver is IToolResultObserver observer)
                observer.Observe(parsed, finished);
            Emit(finished);
            return outcome;
        }

        if (ct.IsCancellationRequested)
            return Finish(ToolCallStatus.Interrupted, "Interrupted: the user cancelled the run before this call started.");

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
            var approval = await _approver.ApproveAsync(parsed, tool, ct);
            started = _time.GetTimestamp();
            if (!approval.Allowed)
                return Finish(ToolCallStatus.Denied, $"Denied: {approval.Reason ?? "the permission settings do not allow this call."}");

            if (approval.UpdatedArguments is { } updated)
            {
                if (ToolArgumentValidator.Validate(tool.ParametersSchema, updated) is { } rewrittenInvalid)
                    return Finish(ToolCallStatus.Error, $"Error: a hook rewrote the arguments of {call.Name} into invalid ones: {rewrittenInvalid}.");
                args = updated;
                parsed = parsed with { Arguments = updated };
            }

            started = _time.GetTimestamp();
            var result = await tool.InvokeAsync(args, _toolContext.ForCall(call.CallId), ct);
            ranMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            if (_approver is IToolResultInterceptor interceptor && await interceptor.AfterToolAsync(parsed, result, ct) is { Length: > 0 } feedback)
                result = result with { Content = result.Content + "\n\n" + feedback };
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

    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    private static JsonElement ToJson(IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
            return JsonDocument.Parse("{}").RootElement;
        return JsonSerializer.SerializeToElement(arguments, CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>)));
    }

    private static string RawArguments(FunctionCallContent call) =>
        call.Exception is null ? JsonSerializer.Serialize(ToJson(call.Arguments), CompactJson.GetTypeInfo(typeof(JsonElement))) : "";
}
