using System.Text.Json;
using Wright.Core.Events;
using Wright.Core.Tools;

namespace Wright.Extensibility.Hooks;

/// <summary>
/// Runs PreToolUse hooks before the permission layer (a hook may deny, allow, or rewrite the call's input) and
/// PostToolUse hooks after the tool (their feedback is appended to the result).
/// </summary>
public sealed class HookedApprover(IToolApprover inner, HookRunner runner, string sessionId, Action<string> warn)
    : IToolApprover, IToolResultObserver, IToolResultInterceptor
{
    /// <inheritdoc />
    public async ValueTask<ToolApproval> ApproveAsync(ToolCall call, ITool tool, CancellationToken cancellationToken)
    {
        JsonElement? updated = null;
        var forcedAllow = false;
        if (runner.Has(HookEvent.PreToolUse, call.Name))
        {
            var results = await runner.RunAsync(HookEvent.PreToolUse, call.Name, w =>
            {
                w.WriteString("session_id", sessionId);
                w.WriteString("tool_name", call.Name);
                w.WritePropertyName("tool_input");
                call.Arguments.WriteTo(w);
            }, cancellationToken);
            foreach (var r in results)
            {
                if (r.Blocking)
                    return ToolApproval.Deny($"a PreToolUse hook blocked this call: {(r.Stderr.Length > 0 ? r.Stderr : "no reason given")}");
                if (r.ExitCode != 0)
                {
                    warn($"PreToolUse hook '{r.Hook.Command}' failed (exit {r.ExitCode}): {r.Stderr}");
                    continue;
                }

                var decision = r.Field("permissionDecision") ?? r.Field("decision");
                var reason = r.Field("permissionDecisionReason") ?? r.Field("reason");
                if (decision is "deny" or "block")
                    return ToolApproval.Deny($"a PreToolUse hook denied this call: {reason ?? "no reason given"}");
                if (decision is "allow" or "approve")
                    forcedAllow = true;
                if (r.Json is { } json && json.TryGetProperty("hookSpecificOutput", out var specific)
                    && specific.ValueKind == JsonValueKind.Object && specific.TryGetProperty("updatedInput", out var input) && input.ValueKind == JsonValueKind.Object)
                    updated = input.Clone();
            }
        }

        var effective = updated is { } u ? call with { Arguments = u } : call;
        var approval = forcedAllow ? ToolApproval.Allow : await inner.ApproveAsync(effective, tool, cancellationToken);
        return updated is null ? approval : approval with { UpdatedArguments = updated };
    }

    /// <inheritdoc />
    public void Observe(ToolCall call, ToolCallFinished finished) => (inner as IToolResultObserver)?.Observe(call, finished);

    /// <inheritdoc />
    public async ValueTask<string?> AfterToolAsync(ToolCall call, ToolResult result, CancellationToken cancellationToken)
    {
        var feedback = inner is IToolResultInterceptor i ? await i.AfterToolAsync(call, result, cancellationToken) : null;
        if (!runner.Has(HookEvent.PostToolUse, call.Name))
            return feedback;
        var results = await runner.RunAsync(HookEvent.PostToolUse, call.Name, w =>
        {
            w.WriteString("session_id", sessionId);
            w.WriteString("tool_name", call.Name);
            w.WritePropertyName("tool_input");
            call.Arguments.WriteTo(w);
            w.WriteStartObject("tool_response");
            w.WriteString("content", result.Content);
            w.WriteBoolean("is_error", result.IsError);
            w.WriteEndObject();
        }, cancellationToken);
        var notes = new List<string>();
        if (feedback is not null)
            notes.Add(feedback);
        foreach (var r in results)
        {
            if (r.Blocking && r.Stderr.Length > 0)
                notes.Add($"[PostToolUse hook] {r.Stderr}");
            else if (r.ExitCode == 0 && r.Field("decision") == "block")
                notes.Add($"[PostToolUse hook] {r.Field("reason") ?? "blocked"}");
            else if (r.ExitCode == 0 && r.Field("additionalContext") is { Length: > 0 } context)
                notes.Add($"[PostToolUse hook] {context}");
            else if (r.ExitCode != 0 && !r.Blocking)
                warn($"PostToolUse hook '{r.Hook.Command}' failed (exit {r.ExitCode}): {r.Stderr}");
        }

        return notes.Count == 0 ? null : string.Join("\n", notes);
    }
}
