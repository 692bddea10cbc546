using System.Text.Json;
using Wright.Core.Events;

namespace Wright.Cli.Hosting;

/// <summary>Writes the final <c>{"type":"result",…}</c> object of the json and stream-json formats.</summary>
internal static class ResultWriter
{
    public static string Format(RunStatus status, string text, string sessionId, int turns, TokenUsage usage, decimal? costUsd,
        long durationMs, string? error, decimal? sessionCostUsd = null, Action<Utf8JsonWriter>? extra = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "result");
            w.WriteString("status", JsonSerializer.Serialize(status, AgentEventJsonContext.Default.RunStatus).Trim('"'));
            w.WriteString("text", text);
            w.WriteString("session_id", sessionId);
            w.WriteNumber("turns", turns);
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", usage.InputTokens);
            w.WriteNumber("output_tokens", usage.OutputTokens);
            w.WriteNumber("cache_read_tokens", usage.CacheReadTokens);
            w.WriteNumber("cache_write_tokens", usage.CacheWriteTokens);
            // Claude Code's names for the same counts.
            w.WriteNumber("cache_read_input_tokens", usage.CacheReadTokens);
            w.WriteNumber("cache_creation_input_tokens", usage.CacheWriteTokens);
            w.WriteEndObject();
            if (costUsd is { } cost)
                w.WriteNumber("cost_usd", Math.Round(cost, 6));
            else
                w.WriteNull("cost_usd");
            if (sessionCostUsd is { } sessionCost)
                w.WriteNumber("session_cost_usd", Math.Round(sessionCost, 6));
            else
                w.WriteNull("session_cost_usd");
            w.WriteNumber("duration_ms", durationMs);
            if (error is not null)
                w.WriteString("error", error);
            extra?.Invoke(w);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
