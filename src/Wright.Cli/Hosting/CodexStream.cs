using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wright.Core.Events;

namespace Wright.Cli.Hosting;

/// <summary>
/// Codex CLI's <c>codex exec --json</c> events (JSON Lines), made from Wright's events for <c>wright exec --json</c>:
/// <c>thread.started</c> (the session id as <c>thread_id</c>), <c>turn.started</c> and <c>turn.completed</c> (with
/// <c>usage</c>) or <c>turn.failed</c> around each prompt, and <c>item.started</c> / <c>item.updated</c> /
/// <c>item.completed</c> carrying items with ids <c>item_0</c>, <c>item_1</c>…: <c>agent_message</c>,
/// <c>reasoning</c>, <c>command_execution</c> (the <c>shell</c> tool), <c>file_change</c> (write_file, edit_file,
/// multi_edit, apply_patch), <c>mcp_tool_call</c> (an MCP server's tool; Wright's other built-in tools appear as
/// calls of the server <c>wright</c>), <c>todo_list</c> (todo_write) and <c>error</c>. Shapes follow
/// <c>codex-rs/exec/src/exec_events.rs</c> (a Codex turn is one prompt; a Wright "turn" is one model request).
/// </summary>
internal sealed partial class CodexStream(string threadId)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private readonly Dictionary<string, (string Id, string Name, string Arguments)> _calls = new(StringComparer.Ordinal);
    private int _next;
    private bool _threadStarted;
    private bool _inTurn;
    private string? _todoId;
    private IReadOnlyList<TodoItem> _todos = [];
    private string? _lastError;
    private string _lastText = "";

    /// <summary>The text of the latest answer so far (a cancelled run's partial answer).</summary>
    public string PendingText => _text.Length > 0 ? _text.ToString() : _lastText;

    /// <summary>The lines (zero or more) this event becomes.</summary>
    public IEnumerable<string> Translate(AgentEvent item)
    {
        var lines = new List<string>();
        switch (item)
        {
            case SessionStarted:
                StartThread(lines);
                break;
            case TurnStarted:
                StartThread(lines);
                if (!_inTurn)
                {
                    _inTurn = true;
                    lines.Add(Line(w => w.WriteString("type", "turn.started")));
                }

                break;
            case ReasoningDelta reasoning:
                _reasoning.Append(reasoning.Text);
                break;
            case TextDelta delta:
                FlushReasoning(lines);
                _text.Append(delta.Text);
                break;
            case ToolCallRequested call:
                FlushAll(lines);
                Started(lines, call);
                break;
            case ToolCallFinished done:
                Finished(lines, done);
                break;
            case TodoUpdated todos:
                _todos = todos.Items;
                var first = _todoId is null;
                _todoId ??= NextId();
                lines.Add(Item(first ? "item.started" : "item.updated", _todoId, "todo_list", TodoFields));
                break;
            case ErrorOccurred error:
                FlushAll(lines);
                _lastError = error.Message;
                lines.Add(Item("item.completed", NextId(), "error", w => w.WriteString("message", error.Message)));
                break;
            case TurnFinished:
                FlushAll(lines);
                break;
            case RunFinished run:
                FlushAll(lines);
                StartThread(lines);
                if (!_inTurn)
                    lines.Add(Line(w => w.WriteString("type", "turn.started")));
                if (_todoId is { } todo)
                    lines.Add(Item("item.completed", todo, "todo_list", TodoFields));
                lines.Add(run.Status == RunStatus.Success ? Completed(run.Usage) : Failed(run));
                _inTurn = false;
                _todoId = null;
                _todos = [];
                _lastError = null;
                break;
        }

        return lines;
    }

    /// <summary>Codex's top-level <c>error</c> event (a failure before the thread could start).</summary>
    public static string ErrorLine(string message) => Line(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("message", message);
    });

    private void StartThread(List<string> lines)
    {
        if (_threadStarted)
            return;
        _threadStarted = true;
        lines.Add(Line(w =>
        {
            w.WriteString("type", "thread.started");
            w.WriteString("thread_id", threadId);
        }));
    }

    private string NextId() => "item_" + (_next++).ToString(CultureInfo.InvariantCulture);

    private void FlushReasoning(List<string> lines)
    {
        if (_reasoning.ToString().Trim().Length == 0)
        {
            _reasoning.Clear();
            return;
        }

        var text = _reasoning.ToString().Trim();
        _reasoning.Clear();
        lines.Add(Item("item.completed", NextId(), "reasoning", w => w.WriteString("text", text)));
    }

    private void FlushAll(List<string> lines)
    {
        FlushReasoning(lines);
        if (_text.Length == 0)
            return;
        var text = _text.ToString();
        _text.Clear();
        if (text.Trim().Length == 0)
            return;
        _lastText = text;
        lines.Add(Item("item.completed", NextId(), "agent_message", w => w.WriteString("text", text)));
    }

    private void Started(List<string> lines, ToolCallRequested call)
    {
        var id = NextId();
        _calls[call.CallId] = (id, call.Name, call.Arguments);
        switch (Kind(call.Name))
        {
            case "command_execution":
                lines.Add(Item("item.started", id, "command_execution", w =>
                {
                    w.WriteString("command", Command(call.Arguments));
                    w.WriteString("aggregated_output", "");
                    w.WriteNull("exit_code");
                    w.WriteString("status", "in_progress");
                }));
                break;
            case "mcp_tool_call":
                lines.Add(Item("item.started", id, "mcp_tool_call", w => McpFields(w, call.Name, call.Arguments, null, "in_progress")));
                break;
            // file_change is emitted only once the change succeeded or failed; todo_write becomes the todo_list item.
        }
    }

    private void Finished(List<string> lines, ToolCallFinished done)
    {
        if (!_calls.Remove(done.CallId, out var call))
            return;
        switch (Kind(call.Name))
        {
            case "command_execution":
                var exit = ExitCode().Match(done.Result) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
                var status = done.Status switch
                {
                    ToolCallStatus.Denied => "declined",
                    ToolCallStatus.Ok when exit is null or 0 => "completed",
                    _ => "failed",
                };
                lines.Add(Item("item.completed", call.Id, "command_execution", w =>
                {
                    w.WriteString("command", Command(call.Arguments));
                    w.WriteString("aggregated_output", Output(done.Result));
                    if (exit is { } code)
                        w.WriteNumber("exit_code", code);
                    else
                        w.WriteNull("exit_code");
                    w.WriteString("status", status);
                }));
                break;
            case "file_change":
                lines.Add(Item("item.completed", call.Id, "file_change", w =>
                {
                    w.WriteStartArray("changes");
                    foreach (var (path, kind) in Changes(call.Name, call.Arguments, done.Result))
                    {
                        w.WriteStartObject();
                        w.WriteString("path", path);
                        w.WriteString("kind", kind);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteString("status", done.Status == ToolCallStatus.Ok ? "completed" : "failed");
                }));
                break;
            case "mcp_tool_call":
                lines.Add(Item("item.completed", call.Id, "mcp_tool_call", w => McpFields(w, call.Name, call.Arguments, done, done.Status == ToolCallStatus.Ok ? "completed" : "failed")));
                break;
        }
    }

    private static string Kind(string tool) => tool switch
    {
        "shell" => "command_execution",
        "write_file" or "edit_file" or "multi_edit" or "apply_patch" => "file_change",
        "todo_write" => "todo_list",
        _ => "mcp_tool_call",
    };

    private static void McpFields(Utf8JsonWriter w, string tool, string arguments, ToolCallFinished? done, string status)
    {
        // mcp__server__tool is an MCP server's; anything else is one of Wright's own tools.
        var parts = tool.StartsWith("mcp__", StringComparison.Ordinal) ? tool[5..].Split("__", 2) : null;
        w.WriteString("server", parts is { Length: 2 } ? parts[0] : "wright");
        w.WriteString("tool", parts is { Length: 2 } ? parts[1] : tool);
        w.WritePropertyName("arguments");
        WriteJsonOrString(w, arguments);
        if (done is { Status: ToolCallStatus.Ok })
        {
            w.WriteStartObject("result");
            w.WriteStartArray("content");
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", done.Result);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteNull("structured_content");
            w.WriteEndObject();
            w.WriteNull("error");
        }
        else
        {
            w.WriteNull("result");
            if (done is not null)
            {
                w.WriteStartObject("error");
                w.WriteString("message", done.Result);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("error");
            }
        }

        w.WriteString("status", status);
    }

    private void TodoFields(Utf8JsonWriter w)
    {
        w.WriteStartArray("items");
        foreach (var todo in _todos)
        {
            w.WriteStartObject();
            w.WriteString("text", todo.Content);
            w.WriteBoolean("completed", todo.Status == TodoStatus.Done);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Completed(TokenUsage usage) => Line(w =>
    {
        w.WriteString("type", "turn.completed");
        w.WriteStartObject("usage");
        // Codex counts cached reads inside input_tokens; Wright's input excludes them.
        w.WriteNumber("input_tokens", usage.InputTokens + usage.CacheReadTokens + usage.CacheWriteTokens);
        w.WriteNumber("cached_input_tokens", usage.CacheReadTokens);
        w.WriteNumber("output_tokens", usage.OutputTokens);
        w.WriteEndObject();
    });

    private string Failed(RunFinished run)
    {
        var message = run.Status switch
        {
            RunStatus.Error => _lastError ?? "error",
            RunStatus.Cancelled => Text.Strings.Cancelled,
            RunStatus.MaxTurns => string.Format(CultureInfo.InvariantCulture, Text.Strings.StoppedMaxTurns, run.Turns),
            RunStatus.Budget => Text.Strings.StoppedBudget,
            RunStatus.Refusal => Text.Strings.Refused,
            _ => _lastError ?? run.Status.ToString(),
        };
        return Line(w =>
        {
            w.WriteString("type", "turn.failed");
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteEndObject();
        });
    }

    /// <summary>The shell tool's <c>command</c> argument (the raw arguments when they do not parse).</summary>
    private static string Command(string arguments)
    {
        try
        {
            using var doc = JsonDocument.Parse(arguments);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!
                : arguments;
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    /// <summary>The command's output without the shell tool's closing status line.</summary>
    private static string Output(string result)
    {
        var end = ExitCode().Match(result) is { Success: true } m ? m.Index : result.Length;
        var output = result[..end].TrimEnd('\n');
        return output == "(no output)" ? "" : output.Length == 0 ? "" : output + "\n";
    }

    private static IEnumerable<(string Path, string Kind)> Changes(string tool, string arguments, string result)
    {
        if (tool == "apply_patch")
        {
            var patch = Argument(arguments, "patch") ?? Argument(arguments, "input") ?? "";
            foreach (Match m in PatchHeader().Matches(patch))
                yield return (m.Groups[2].Value.Trim(), m.Groups[1].Value switch { "Add" => "add", "Delete" => "delete", _ => "update" });
            yield break;
        }

        if (Argument(arguments, "path") is { } path)
            yield return (path, tool == "write_file" && result.StartsWith("Created", StringComparison.Ordinal) ? "add" : "update");
    }

    private static string? Argument(string arguments, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(arguments);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteJsonOrString(Utf8JsonWriter w, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.Length == 0 ? "{}" : json);
            doc.RootElement.WriteTo(w);
        }
        catch (JsonException)
        {
            w.WriteStringValue(json);
        }
    }

    private static string Item(string type, string id, string itemType, Action<Utf8JsonWriter> fields) => Line(w =>
    {
        w.WriteString("type", type);
        w.WriteStartObject("item");
        w.WriteString("id", id);
        w.WriteString("type", itemType);
        fields(w);
        w.WriteEndObject();
    });

    private static string Line(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [GeneratedRegex(@"\[exit code (-?\d+)")]
    private static partial Regex ExitCode();

    [GeneratedRegex(@"^\*\*\* (Add|Update|Delete) File: (.+)$", RegexOptions.Multiline)]
    private static partial Regex PatchHeader();
}
