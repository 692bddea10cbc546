using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Sessions.Store;

namespace Wright.Sessions.Export;

/// <summary>Writes a stored session as Markdown (for people) or JSON Lines (for programs).</summary>
public static class TranscriptExporter
{
    /// <summary>
    /// Markdown: a header with the session's facts, then each message — user and assistant text as they were, reasoning
    /// as a quote, tool calls with their arguments and results in fenced blocks (fences longer than any backtick run
    /// inside, so hostile output cannot break out).
    /// </summary>
    public static void WriteMarkdown(SessionStore store, SessionRecord session, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"# {(session.Title.Length > 0 ? session.Title : session.Id)}");
        output.WriteLine();
        output.WriteLine($"- Session: `{session.Id}`{(session.ParentId is { } parent ? $" (forked from `{parent}`)" : "")}");
        output.WriteLine($"- Directory: `{session.Workspace}`");
        output.WriteLine($"- Model: `{session.Model}`");
        output.WriteLine(string.Create(inv, $"- Updated: {session.Updated:yyyy-MM-dd HH:mm} UTC · turns: {session.Turns} · tokens: {session.InputTokens} in, {session.OutputTokens} out · cost: ${session.CostUsd:0.####}"));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string? superseded = null;
        foreach (var (message, _, mark) in store.History(session.Id))
        {
            if (message.Role == ChatRole.System)
                continue;
            if (mark != superseded)
            {
                output.WriteLine();
                output.WriteLine(mark switch
                {
                    "rewind" => "---\n\n*Undone by a rewind (no longer in the conversation):*",
                    "compaction" => "---\n\n*Compacted (replaced in the conversation by a summary or placeholders):*",
                    _ => "---\n\n*Current conversation:*",
                });
                superseded = mark;
            }

            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text:
                        output.WriteLine();
                        output.WriteLine(message.Role == ChatRole.User ? "## User" : "## Assistant");
                        output.WriteLine();
                        output.WriteLine(text.Text.TrimEnd());
                        break;
                    case TextReasoningContent { Text.Length: > 0 } reasoning:
                        output.WriteLine();
                        foreach (var line in reasoning.Text.TrimEnd().Split('\n'))
                            output.WriteLine("> " + line);
                        break;
                    case FunctionCallContent call:
                        names[call.CallId] = call.Name;
                        output.WriteLine();
                        output.WriteLine($"### Tool call `{call.Name}`");
                        Fenced(output, "json", JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(),
                            MessageCodec.Options.GetTypeInfo(typeof(IDictionary<string, object?>))));
                        break;
                    case FunctionResultContent result:
                        output.WriteLine();
                        output.WriteLine($"### Result of `{names.GetValueOrDefault(result.CallId, result.CallId)}`");
                        Fenced(output, "", result.Result as string ?? result.Result?.ToString() ?? "");
                        break;
                }
            }
        }
    }

    /// <summary>
    /// JSON Lines with stable snake_case field names: a <c>session</c> line; then each message of the session's whole
    /// history (<see cref="SessionStore.History"/>) as <c>{"type":"message","role":…,"turn":…,"content":[…]}</c>, with
    /// <c>"superseded":"rewind"|"compaction"</c> on messages no longer in the conversation, and content blocks
    /// <c>text</c>, <c>reasoning</c>, <c>tool_call</c> (<c>call_id</c>, <c>tool</c>, <c>arguments</c>) and
    /// <c>tool_result</c> (<c>call_id</c>, <c>tool</c>, <c>output</c>); then the stored events in the
    /// stream-json shape.
    /// </summary>
    public static void WriteJsonLines(SessionStore store, SessionRecord session, TextWriter output)
    {
        output.WriteLine(Line(w =>
        {
            w.WriteString("type", "session");
            w.WriteString("id", session.Id);
            w.WriteString("workspace", session.Workspace);
            w.WriteString("model", session.Model);
            w.WriteString("title", session.Title);
            if (session.ParentId is { } parent)
                w.WriteString("parent_id", parent);
            w.WriteString("created", session.Created);
            w.WriteString("updated", session.Updated);
            w.WriteNumber("turns", session.Turns);
            w.WriteNumber("cost_usd", session.CostUsd);
        }));

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (message, turn, superseded) in store.History(session.Id))
            output.WriteLine(Line(w => WriteMessage(w, message, turn, superseded, names)));
        foreach (var line in store.EventLines(session.Id))
            output.WriteLine(line);
    }

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message, int turn, string? superseded, Dictionary<string, string> names)
    {
        w.WriteString("type", "message");
        w.WriteString("role", message.Role.Value);
        w.WriteNumber("turn", turn);
        if (superseded is not null)
            w.WriteString("superseded", superseded);
        w.WriteStartArray("content");
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    w.WriteStartObject();
                    w.WriteString("type", "text");
                    w.WriteString("text", text.Text);
                    w.WriteEndObject();
                    break;
                case TextReasoningContent reasoning:
                    w.WriteStartObject();
                    w.WriteString("type", "reasoning");
                    w.WriteString("text", reasoning.Text);
                    w.WriteEndObject();
                    break;
                case FunctionCallContent call:
                    names[call.CallId] = call.Name;
                    w.WriteStartObject();
                    w.WriteString("type", "tool_call");
                    w.WriteString("call_id", call.CallId);
                    w.WriteString("tool", call.Name);
                    w.WritePropertyName("arguments");
                    w.WriteRawValue(JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(),
                        MessageCodec.Options.GetTypeInfo(typeof(IDictionary<string, object?>))));
                    w.WriteEndObject();
                    break;
                case FunctionResultContent result:
                    w.WriteStartObject();
                    w.WriteString("type", "tool_result");
                    w.WriteString("call_id", result.CallId);
                    w.WriteString("tool", names.GetValueOrDefault(result.CallId, ""));
                    w.WriteString("output", result.Result as string ?? (result.Result is JsonElement e ? e.ToString() : result.Result?.ToString()) ?? "");
                    w.WriteEndObject();
                    break;
            }
        }

        w.WriteEndArray();
    }

    private static string Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Fenced(TextWriter output, string language, string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        output.WriteLine(fence + language);
        output.WriteLine(text.TrimEnd('\n'));
        output.WriteLine(fence);
    }
}
