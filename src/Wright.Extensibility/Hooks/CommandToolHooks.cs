using System.Text.Json;
using Wright.Core.Tools;

namespace Wright.Extensibility.Hooks;

/// <summary>
/// PreToolUse and PostToolUse as command hooks, a step of tool dispatch: PreToolUse runs before the permission
/// decision (a hook may block the call, approve it — which spares asking a person but never overrides the permission
/// engine's denials — or rewrite its input); PostToolUse runs after the tool (its feedback is appended to the result).
/// </summary>
public sealed class CommandToolHooks(HookRunner runner, string sessionId, Action<string> warn) : IToolHooks
{
    /// <inheritdoc />
    public async ValueTask<PreToolOutcome> BeforeToolAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!runner.Has(HookEvent.PreToolUse, call.Name))
            return PreToolOutcome.Continue;
        var results = await runner.RunAsync(HookEvent.PreToolUse, call.Name, w => WriteCall(w, call), cancellationToken);
        JsonElement? updated = null;
        var approved = false;
        foreach (var r in results)
        {
            if (r.Blocking)
                return PreToolOutcome.Block($"a PreToolUse hook blocked this call: {(r.Stderr.Length > 0 ? r.Stderr : "no reason given")}");
            if (r.ExitCode != 0)
            {
                warn($"PreToolUse hook '{r.Hook.Command}' failed (exit {r.ExitCode}): {r.Stderr}");
                continue;
            }

            var decision = r.Field("permissionDecision") ?? r.Field("decision");
            var reason = r.Field("permissionDecisionReason") ?? r.Field("reason");
            if (decision is "deny" or "block")
                return PreToolOutcome.Block($"a PreToolUse hook denied this call: {reason ?? "no reason given"}");
            if (decision is "allow" or "approve")
                approved = true;
            if (r.Json is { } json && json.TryGetProperty("hookSpecificOutput", out var specific)
                && specific.ValueKind == JsonValueKind.Object && specific.TryGetProperty("updatedInput", out var input) && input.ValueKind == JsonValueKind.Object)
                updated = input.Clone();
        }

        return new PreToolOutcome(false) { Approved = approved, UpdatedArguments = updated };
    }

    /// <inheritdoc />
    public async ValueTask<string?> AfterToolAsync(ToolCall call, ToolResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        if (!runner.Has(HookEvent.PostToolUse, call.Name))
            return null;
        var results = await runner.RunAsync(HookEvent.PostToolUse, call.Name, w =>
        {
            WriteCall(w, call);
            w.WriteStartObject("tool_response");
            w.WriteString("content", result.Content);
            w.WriteBoolean("is_error", result.IsError);
            w.WriteEndObject();
        }, cancellationToken);
        var notes = new List<string>();
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

    /// <summary>The call as both tool events describe it: session, tool, call id and input.</summary>
    private void WriteCall(Utf8JsonWriter w, ToolCall call)
    {
        w.WriteString("session_id", sessionId);
        w.WriteString("tool_name", call.Name);
        w.WriteString("tool_use_id", call.CallId);
        w.WritePropertyName("tool_input");
        call.Arguments.WriteTo(w);
    }
}
