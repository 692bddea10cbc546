using Wright.Core.Engine;

namespace Wright.Extensibility.Hooks;

/// <summary>SessionStart, UserPromptSubmit, PreCompact and Stop (or SubagentStop for subagents) as command hooks.</summary>
public sealed class CommandSessionHooks(HookRunner runner, string sessionId, Action<string> warn, bool subagent = false) : ISessionHooks
{
    /// <inheritdoc />
    public async ValueTask<string?> OnSessionStartAsync(string source, CancellationToken cancellationToken)
    {
        if (subagent || !runner.Has(HookEvent.SessionStart))
            return null;
        var results = await runner.RunAsync(HookEvent.SessionStart, null, w =>
        {
            w.WriteString("session_id", sessionId);
            w.WriteString("source", source);
        }, cancellationToken);
        return Context(results);
    }

    /// <inheritdoc />
    public async ValueTask<HookOutcome> OnUserPromptAsync(string prompt, CancellationToken cancellationToken)
    {
        if (subagent || !runner.Has(HookEvent.UserPromptSubmit))
            return HookOutcome.Pass;
        var results = await runner.RunAsync(HookEvent.UserPromptSubmit, null, w =>
        {
            w.WriteString("session_id", sessionId);
            w.WriteString("prompt", prompt);
        }, cancellationToken);
        foreach (var r in results)
        {
            if (r.Blocking)
                return new HookOutcome(true, r.Stderr.Length > 0 ? r.Stderr : null);
            if (r.ExitCode == 0 && r.Field("decision") == "block")
                return new HookOutcome(true, r.Field("reason"));
        }

        return new HookOutcome(false, AdditionalContext: Context(results));
    }

    /// <inheritdoc />
    public async ValueTask<string?> OnStopAsync(string finalText, bool alreadyContinued, CancellationToken cancellationToken)
    {
        var name = subagent ? HookEvent.SubagentStop : HookEvent.Stop;
        if (!runner.Has(name))
            return null;
        var results = await runner.RunAsync(name, null, w =>
        {
            w.WriteString("session_id", sessionId);
            w.WriteBoolean("stop_hook_active", alreadyContinued);
            w.WriteString("last_assistant_message", finalText);
        }, cancellationToken);
        foreach (var r in results)
        {
            if (r.Blocking && r.Stderr.Length > 0)
                return r.Stderr;
            if (r.ExitCode == 0 && r.Field("decision") == "block")
                return r.Field("reason") ?? "A stop hook asked you to continue.";
            if (r.ExitCode != 0 && !r.Blocking)
                warn($"{name} hook '{r.Hook.Command}' failed (exit {r.ExitCode}): {r.Stderr}");
        }

        return null;
    }

    /// <inheritdoc />
    public async Task OnPreCompactAsync(string trigger, CancellationToken cancellationToken)
    {
        if (!runner.Has(HookEvent.PreCompact))
            return;
        var results = await runner.RunAsync(HookEvent.PreCompact, trigger, w =>
        {
            w.WriteString("session_id", sessionId);
            w.WriteString("trigger", trigger);
            w.WriteString("custom_instructions", "");
        }, cancellationToken);
        foreach (var r in results)
        {
            if (r.ExitCode != 0)
                warn($"{HookEvent.PreCompact} hook '{r.Hook.Command}' failed (exit {r.ExitCode}): {r.Stderr}");
        }
    }

    private string? Context(IReadOnlyList<HookResult> results)
    {
        var parts = new List<string>();
        foreach (var r in results)
        {
            if (r.ExitCode != 0)
            {
                warn($"{r.Hook.Event} hook '{r.Hook.Command}' failed (exit {r.ExitCode}): {r.Stderr}");
                continue;
            }

            if (r.Field("additionalContext") is { Length: > 0 } context)
                parts.Add(context);
            else if (r.Json is null && r.Stdout.Trim().Length > 0)
                parts.Add(r.Stdout.Trim());
        }

        return parts.Count == 0 ? null : string.Join("\n", parts);
    }
}
