using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wright.Cli.Text;
using Wright.Core.Events;

namespace Wright.Cli.Interactive;

/// <summary>
/// Draws one session's events inline: the answer streams as it arrives and each completed line is re-drawn as
/// markdown; reasoning is dimmed; each tool call is a header line that gets its status and duration; edits show a
/// coloured diff; the todo list is drawn when it changes.
/// </summary>
internal sealed class TurnRenderer(TerminalOutput terminal)
{
    private readonly Ansi _ansi = terminal.Ansi;
    private readonly MarkdownLines _markdown = new(terminal.Ansi);
    private readonly StringBuilder _partial = new();
    private readonly Dictionary<string, (string Name, string Arguments)> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _latestArguments = new(StringComparer.Ordinal);
    private int _partialColumns;
    private bool _reasoning;
    private int _reasoningColumn;
    private string? _headerCallId;

    /// <summary>The latest todo list.</summary>
    public IReadOnlyList<TodoItem> Todos { get; private set; } = [];

    /// <summary>Cost of the runs rendered so far (null parts ignored).</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>Tokens the last request carried (input, cached and output): how full the context is.</summary>
    public long LastContextTokens { get; set; }

    /// <summary>The diff (or nothing) for the latest call of <paramref name="tool"/>, for the approval dialog.</summary>
    public IReadOnlyList<string> DetailsFor(string tool)
    {
        // The call's arguments are emitted just before it is approved; give the event loop a moment to record them.
        for (var i = 0; i < 20 && !_latestArguments.ContainsKey(tool); i++)
            Thread.Sleep(10);
        return DiffRenderer.IsEdit(tool) && _latestArguments.TryGetValue(tool, out var arguments)
            ? DiffRenderer.Render(tool, arguments, _ansi)
            : [];
    }

    /// <summary>Ends a half-drawn line so something else can be written.</summary>
    public void Settle()
    {
        lock (terminal.Lock)
        {
            EndReasoning();
            FlushPartial();
            _headerCallId = null;
        }
    }

    public void Handle(AgentEvent item)
    {
        lock (terminal.Lock)
            HandleCore(item);
    }

    private void HandleCore(AgentEvent item)
    {
        switch (item)
        {
            case TextDelta text:
                EndReasoning();
                _headerCallId = null;
                AppendText(text.Text);
                break;
            case ReasoningDelta reasoning:
                FlushPartial();
                _headerCallId = null;
                AppendReasoning(reasoning.Text);
                break;
            case ToolCallRequested call:
                Settle();
                _calls[call.CallId] = (call.Name, call.Arguments);
                _latestArguments[call.Name] = call.Arguments;
                terminal.WriteLine(Header(call.Name, call.Arguments, _ansi.Dim("●"), null));
                _headerCallId = call.CallId;
                break;
            case ToolCallFinished done:
                Finished(done);
                break;
            case TodoUpdated todos:
                Settle();
                Todos = todos.Items;
                foreach (var row in TodoRows(todos.Items, _ansi))
                    terminal.WriteLine(row);
                break;
            case UsageReported usage:
                CostUsd += usage.CostUsd ?? 0;
                LastContextTokens = usage.Usage.InputTokens + usage.Usage.CacheReadTokens + usage.Usage.CacheWriteTokens + usage.Usage.OutputTokens;
                break;
            case RetryScheduled retry:
                Settle();
                terminal.WriteLine(_ansi.Yellow(string.Format(CultureInfo.InvariantCulture, Strings.TuiRetrying, retry.DelayMs / 1000.0, retry.Attempt, retry.Reason)));
                break;
            case ResponseDiscarded:
                Settle();
                terminal.WriteLine(_ansi.Dim(Strings.TuiDiscarded));
                break;
            case ErrorOccurred error:
                Settle();
                terminal.WriteLine(_ansi.Red(Strings.ErrorPrefix + error.Message));
                break;
            case ContextCompacted compacted:
                Settle();
                terminal.WriteLine(_ansi.Dim(Describe(compacted)));
                break;
            case SubagentEvent { Event: ToolCallRequested inner } sub:
                Settle();
                terminal.WriteLine(_ansi.Dim("  " + sub.Agent + " › ") + Header(inner.Name, inner.Arguments, _ansi.Dim("●"), null));
                break;
            case RunFinished run:
                Settle();
                if (run.Status is not RunStatus.Success and not RunStatus.Cancelled)
                    terminal.WriteLine(_ansi.Yellow(string.Format(CultureInfo.InvariantCulture, Strings.TuiRunEnded, StatusName(run.Status))));
                break;
        }
    }

    /// <summary>How a compaction went, in one line.</summary>
    public static string Describe(ContextCompacted compacted) => compacted.Error is { } error
        ? Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.CompactFailed, error)
        : compacted.Stage == "none"
            ? Strings.NothingToCompact
            : string.Format(CultureInfo.InvariantCulture, Strings.Compacted, compacted.Stage, compacted.TokensBefore, compacted.TokensAfter);

    /// <summary>The todo list as rows: ✓ done, ▸ in progress, ○ pending.</summary>
    public static IEnumerable<string> TodoRows(IReadOnlyList<TodoItem> items, Ansi ansi)
    {
        if (items.Count == 0)
        {
            yield return ansi.Dim(Strings.TuiNoTodos);
            yield break;
        }

        yield return ansi.Bold(Strings.TuiTodos);
        foreach (var item in items)
        {
            yield return item.Status switch
            {
                TodoStatus.Done => "  " + ansi.Green("✓ ") + ansi.Dim(item.Content),
                TodoStatus.InProgress => "  " + ansi.Yellow("▸ ") + ansi.Bold(item.Content),
                _ => "  ○ " + item.Content,
            };
        }
    }

    private void Finished(ToolCallFinished done)
    {
        EndReasoning();
        FlushPartial();
        var (name, arguments) = _calls.TryGetValue(done.CallId, out var call) ? call : (done.Name, "{}");
        var mark = done.Status switch
        {
            ToolCallStatus.Ok => _ansi.Green("✓"),
            ToolCallStatus.Denied => _ansi.Red("✗"),
            ToolCallStatus.Interrupted => _ansi.Yellow("■"),
            _ => _ansi.Red("✗"),
        };
        var line = Header(name, arguments, mark, done.DurationMs);
        if (_headerCallId == done.CallId && terminal.IsTerminal)
            terminal.Write("\x1b[1A\r\x1b[2K" + line + "\n");
        else
            terminal.WriteLine(line);
        _headerCallId = null;
        if (done.Status == ToolCallStatus.Ok && DiffRenderer.IsEdit(name))
        {
            foreach (var row in DiffRenderer.Render(name, arguments, _ansi))
                terminal.WriteLine("    " + row);
        }
        else if (done.Status != ToolCallStatus.Ok)
        {
            foreach (var row in Preview(done.Result, 3))
                terminal.WriteLine("    " + (done.Status == ToolCallStatus.Interrupted ? _ansi.Dim(row) : _ansi.Red(row)));
        }
        else if (name is "shell" or "remember")
        {
            foreach (var row in Preview(done.Result, name == "shell" ? 4 : 1))
                terminal.WriteLine("    " + _ansi.Dim(row));
        }
    }

    private IEnumerable<string> Preview(string result, int limit)
    {
        var lines = result.ReplaceLineEndings("\n").Trim('\n').Split('\n');
        foreach (var line in lines.Take(limit))
            yield return Truncate(line, terminal.Width - 6);
        if (lines.Length > limit)
            yield return $"… +{lines.Length - limit}";
    }

    /// <summary>One row: mark, tool name, its main argument, and the duration once it finished.</summary>
    private string Header(string name, string arguments, string mark, long? durationMs)
    {
        var duration = durationMs is { } ms ? "  " + _ansi.Dim(ms < 1000 ? $"{ms} ms" : (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s") : "";
        var summary = Summary(name, arguments);
        var room = terminal.Width - TextWidth.Of(name) - 4 - (durationMs is null ? 0 : 10);
        return $"{mark} {_ansi.Bold(name)} {Truncate(summary, Math.Max(room, 10))}{duration}";
    }

    /// <summary>The argument worth showing in a header: the command, the path, the URL, the pattern.</summary>
    internal static string Summary(string name, string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return "";
            foreach (var key in new[] { "command", "path", "url", "pattern", "query", "description", "name", "text" })
            {
                if (root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String)
                    return value.GetString()!.ReplaceLineEndings(" ");
            }

            if (name == "apply_patch" && root.TryGetProperty("patch", out var patch) && patch.ValueKind == JsonValueKind.String)
            {
                return string.Join(", ", patch.GetString()!.ReplaceLineEndings("\n").Split('\n')
                    .Where(l => l.StartsWith("*** ", StringComparison.Ordinal) && l.Contains(" File: ", StringComparison.Ordinal))
                    .Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]));
            }

            if (name == "todo_write" && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                return items.GetArrayLength().ToString(CultureInfo.InvariantCulture);
            return "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="columns"/> display columns, with an ellipsis.</summary>
    internal static string Truncate(string text, int columns)
    {
        if (TextWidth.Of(text) <= columns)
            return text;
        var result = new StringBuilder();
        var width = 0;
        var i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            var w = TextWidth.Of(rune);
            if (width + w > columns - 1)
                break;
            result.Append(text, i, Math.Max(consumed, 1));
            width += w;
            i += Math.Max(consumed, 1);
        }

        return result.Append('…').ToString();
    }

    private void AppendText(string text)
    {
        var start = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', start);
            var piece = newline < 0 ? text[start..] : text[start..newline];
            if (piece.Length > 0)
            {
                _partial.Append(piece);
                if (terminal.IsTerminal)
                {
                    terminal.Write(piece);
                    _partialColumns += TextWidth.Of(piece);
                }
            }

            if (newline < 0)
                return;
            CompleteLine();
            start = newline + 1;
        }
    }

    /// <summary>Replaces the raw streamed line by its markdown rendering.</summary>
    private void CompleteLine()
    {
        if (terminal.IsTerminal && _partialColumns > 0)
        {
            var rows = terminal.Rows(_partialColumns);
            terminal.Write((rows > 1 ? $"\x1b[{rows - 1}A" : "") + "\r\x1b[J");
        }

        foreach (var row in _markdown.Render(_partial.ToString(), terminal.Width))
            terminal.WriteLine(row);
        _partial.Clear();
        _partialColumns = 0;
    }

    private void FlushPartial()
    {
        if (_partial.Length > 0)
            CompleteLine();
    }

    private void AppendReasoning(string text)
    {
        if (!_reasoning)
        {
            _reasoning = true;
            _reasoningColumn = 0;
        }

        foreach (var line in text.Split('\n').Select((value, index) => (value, index)))
        {
            if (line.index > 0)
            {
                terminal.Write("\n");
                _reasoningColumn = 0;
            }

            if (line.value.Length > 0)
            {
                terminal.Write(_ansi.Dim(line.value));
                _reasoningColumn += TextWidth.Of(line.value);
            }
        }
    }

    private void EndReasoning()
    {
        if (!_reasoning)
            return;
        _reasoning = false;
        if (_reasoningColumn > 0)
            terminal.Write("\n");
        _reasoningColumn = 0;
    }

    private static string StatusName(RunStatus status) => status switch
    {
        RunStatus.MaxTurns => "max_turns",
        RunStatus.Budget => "budget",
        RunStatus.Error => "error",
        RunStatus.Cancelled => "cancelled",
        _ => "success",
    };
}
