using System.Text;
using System.Text.Json;
using Wright.Core.Events;

namespace Wright.Cli.Hosting;

/// <summary>
/// Claude Code's headless message objects, made from Wright's events: <c>system</c>/<c>init</c>, <c>assistant</c>
/// messages with <c>text</c> and <c>tool_use</c> blocks, <c>user</c> messages with <c>tool_result</c> blocks, and the
/// fields of Claude Code's final <c>result</c> (written onto Wright's own result object). Tools that read Claude Code's
/// <c>--output-format stream-json</c> read these; Wright's own events stay alongside (fine ones behind
/// <c>--include-partial-messages</c>).
/// </summary>
internal sealed class ClaudeStream(string sessionId)
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, (string Name, string Arguments)> _calls = new(StringComparer.Ordinal);
    private readonly List<(string Name, string CallId, string Arguments)> _denials = [];
    private string _model = "";
    private string _lastText = "";

    /// <summary>The text of the latest model response so far (a cancelled run's partial answer).</summary>
    public string PendingText => _text.Length > 0 ? _text.ToString() : _lastText;

    /// <summary>The lines (zero or more) this event becomes.</summary>
    public IEnumerable<string> Translate(AgentEvent item)
    {
        switch (item)
        {
            case SessionStarted started:
                _model = started.Model;
                yield return Line(w =>
                {
                    w.WriteString("type", "system");
                    w.WriteString("subtype", "init");
                    w.WriteString("cwd", started.Workspace);
                    w.WriteString("session_id", sessionId);
                    w.WriteStartArray("tools");
                    foreach (var tool in started.Tools)
                        w.WriteStringValue(tool);
                    w.WriteEndArray();
                    w.WriteStartArray("mcp_servers");
                    w.WriteEndArray();
                    w.WriteString("model", started.Model);
                    w.WriteString("uuid", Guid.NewGuid().ToString());
                });
                break;
            case TurnStarted:
                _lastText = "";
                break;
            case TextDelta delta:
                _text.Append(delta.Text);
                break;
            case ToolCallRequested call:
                _calls[call.CallId] = (call.Name, call.Arguments);
                if (Flush() is { } text)
                    yield return text;
                yield return Assistant(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "tool_use");
                    w.WriteString("id", call.CallId);
                    w.WriteString("name", call.Name);
                    w.WritePropertyName("input");
                    WriteInput(w, call.Arguments);
                    w.WriteEndObject();
                });
                break;
            case ToolCallFinished done:
                if (done.Status == ToolCallStatus.Denied)
                    _denials.Add((done.Name, done.CallId, _calls.TryGetValue(done.CallId, out var c) ? c.Arguments : "{}"));
                yield return Line(w =>
                {
                    w.WriteString("type", "user");
                    w.WriteStartObject("message");
                    w.WriteString("role", "user");
                    w.WriteStartArray("content");
                    w.WriteStartObject();
                    w.WriteString("type", "tool_result");
                    w.WriteString("tool_use_id", done.CallId);
                    w.WriteString("content", done.Result);
                    w.WriteBoolean("is_error", done.Status != ToolCallStatus.Ok);
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteNull("parent_tool_use_id");
                    w.WriteString("session_id", sessionId);
                    w.WriteString("uuid", Guid.NewGuid().ToString());
                });
                break;
            case TurnFinished or RunFinished:
                if (Flush() is { } last)
                    yield return last;
                break;
        }
    }

    /// <summary>Claude Code's result fields, written onto Wright's result object.</summary>
    public void WriteResultFields(Utf8JsonWriter w, RunStatus status, string text, int turns, decimal? costUsd, long durationMs)
    {
        w.WriteString("subtype", status switch
        {
            RunStatus.Success => "success",
            RunStatus.MaxTurns => "error_max_turns",
            RunStatus.Budget => "error_max_budget_usd",
            _ => "error_during_execution",
        });
        w.WriteBoolean("is_error", status != RunStatus.Success);
        w.WriteString("result", text);
        w.WriteNumber("num_turns", turns);
        w.WriteNumber("duration_api_ms", durationMs);
        w.WriteNumber("total_cost_usd", Math.Round(costUsd ?? 0, 6));
        w.WriteStartArray("permission_denials");
        foreach (var (name, id, arguments) in _denials)
        {
            w.WriteStartObject();
            w.WriteString("tool_name", name);
            w.WriteString("tool_use_id", id);
            w.WritePropertyName("tool_input");
            WriteInput(w, arguments);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private string? Flush()
    {
        if (_text.Length == 0)
            return null;
        var text = _text.ToString();
        _lastText = text;
        _text.Clear();
        return Assistant(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", text);
            w.WriteEndObject();
        });
    }

    private string Assistant(Action<Utf8JsonWriter> block) => Line(w =>
    {
        w.WriteString("type", "assistant");
        w.WriteStartObject("message");
        w.WriteString("id", "msg_" + Guid.NewGuid().ToString("N")[..24]);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", _model);
        w.WriteStartArray("content");
        block(w);
        w.WriteEndArray();
        w.WriteNull("stop_reason");
        w.WriteEndObject();
        w.WriteNull("parent_tool_use_id");
        w.WriteString("session_id", sessionId);
        w.WriteString("uuid", Guid.NewGuid().ToString());
    });

    /// <summary>A tool's arguments as a JSON object when they are one, else as a string.</summary>
    private static void WriteInput(Utf8JsonWriter w, string arguments)
    {
        try
        {
            using var doc = JsonDocument.Parse(arguments);
            doc.RootElement.WriteTo(w);
        }
        catch (JsonException)
        {
            w.WriteStringValue(arguments);
        }
    }

    private static string Line(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
