using System.Text.Json;

namespace Wright.Extensibility.Hooks;

/// <summary>
/// Parses the <c>hooks</c> section of a config file, in Claude Code's shape:
/// <c>{"PreToolUse": [{"matcher": "shell|write_file", "hooks": [{"type": "command", "command": "…", "timeout": 60}]}]}</c>.
/// </summary>
public static class HookConfig
{
    /// <summary>Reads the hooks; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static List<HookCommand> Parse(JsonElement hooks, string source)
    {
        var result = new List<HookCommand>();
        if (hooks.ValueKind != JsonValueKind.Object)
            throw new FormatException($"{source}: \"hooks\" must be an object of event names");
        foreach (var ev in hooks.EnumerateObject())
        {
            if (!HookEvent.All.Contains(ev.Name))
                throw new FormatException($"{source}: unknown hook event '{ev.Name}' (known: {string.Join(", ", HookEvent.All)})");
            if (ev.Value.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{source}: hooks.{ev.Name} must be an array");
            foreach (var group in ev.Value.EnumerateArray())
            {
                var matcher = group.TryGetProperty("matcher", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if (!group.TryGetProperty("hooks", out var list) || list.ValueKind != JsonValueKind.Array)
                    throw new FormatException($"{source}: each entry of hooks.{ev.Name} needs a \"hooks\" array");
                foreach (var hook in list.EnumerateArray())
                {
                    var command = hook.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    if (string.IsNullOrWhiteSpace(command))
                        throw new FormatException($"{source}: a hook of {ev.Name} has no \"command\"");
                    var seconds = hook.TryGetProperty("timeout", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : 60;
                    result.Add(new HookCommand(ev.Name, matcher, command, TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 3600)), source));
                }
            }
        }

        return result;
    }
}
