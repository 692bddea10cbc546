using System.Globalization;
using System.Text;
using System.Text.Json;
using Wright.Cli.Text;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Hosting;

/// <summary>
/// <c>--input-format stream-json</c>, as Claude Code reads it: one JSON object per line,
/// <c>{"type":"user","message":{"role":"user","content":"…" | [{"type":"text","text":"…"}]}}</c>. Blank lines are
/// skipped; anything else is a usage error naming the line.
/// </summary>
internal static class StreamJsonInput
{
    private static int _line;

    /// <summary>The next user message's text, or null at the end of stdin.</summary>
    public static async Task<string?> NextAsync(TextReader stdin, CancellationToken cancellationToken)
    {
        while (await stdin.ReadLineAsync(cancellationToken) is { } line)
        {
            _line++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            return Parse(line) is { Length: > 0 } text
                ? text
                : throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.BadStreamJsonInput, _line, Shorten(line)));
        }

        return null;
    }

    /// <summary>The text of a user message line, or null when it is not one.</summary>
    public static string? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() != "user"
                || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("content", out var content))
                return null;
            if (content.ValueKind == JsonValueKind.String)
                return content.GetString();
            if (content.ValueKind != JsonValueKind.Array)
                return null;
            var text = new StringBuilder();
            foreach (var block in content.EnumerateArray())
            {
                if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var t) && t.GetString() == "text"
                    && block.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
                    text.Append(text.Length > 0 ? "\n" : "").Append(value.GetString());
            }

            return text.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string line) => line.Length > 80 ? line[..80] + "…" : line;
}
