using System.Globalization;
using System.Text;
using System.Text.Json;
using Wright.Cli.Text;
using Wright.Core.Events;

namespace Wright.Cli.Interactive;

/// <summary>
/// Draws one session's events inline: the answer streams as it arrives and each completed line is re-drawn as
/// markdown (only the current line is ever redrawn, so fast streams stay cheap; a table is drawn once it ends);
/// reasoning shows as one dimmed live line that collapses to a summary when it ends; each tool call is a header line
/// that gets its status and duration, then a few lines of its output; edits show a coloured diff; the todo list is
/// drawn when it changes. <see cref="Expand"/> prints the last turn's reasoning and cut tool output in full.
/// </summary>
internal sealed partial class TurnRenderer(TerminalOutput terminal, TimeProvider? time = null)
{
    /// <summary>Raw table rows shown while a table streams (erased when it is drawn); more are not shown.</summary>
    private const int MaxPendingRows = 12;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly StringBuilder _thought = new();
    private readonly List<(string Title, string Body, bool Reasoning)> _expandable = [];
    private long _reasoningStarted;
    private int _pendingRows;
    private int _unshownRows;
    private bool _runEnded;
    private readonly Ansi _ansi = terminal.Ansi;
    private readonly MarkdownLines _markdown = new(terminal.Ansi);
    private readonly StringBuilder _partial = new();
    private readonly Dictionary<string, (string Name, string Arguments)> _calls = new(StringComparer.Ordinal);
    private int _partialColumns;
    private bool _reasoning;
    private string? _headerCallId;
    private readonly Hosting.RepeatFolder _repeats = new();
    private long _repeatWrites = -1;

    /// <summary>The latest todo list.</summary>
    public IReadOnlyList<TodoItem> Todos { get; private set; } = [];

    /// <summary>Cost of the priced usage rendered so far (see <see cref="CostUnknown"/>).</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>Whether some usage rendered so far had no price, so the cost is not fully known.</summary>
    public bool CostUnknown { get; private set; }

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

    /// <summary>Prints the last turn's reasoning and the tool output that was cut, in full.</summary>
    public void Expand()
    {
        lock (terminal.Lock)
        {
            Settle();
            if (_expandable.Count == 0)
            {
                terminal.WriteLine(_ansi.Dim(Strings.TuiNothingToExpand));
                return;
            }

            foreach (var (title, body, reasoning) in _expandable)
            {
                terminal.WriteLine(title);
                foreach (var line in body.ReplaceLineEndings("\n").Trim('\n').Split('\n'))
                {
                    foreach (var row in TextWrapper.Wrap(Sanitize(line), terminal.Width - 4))
                        terminal.WriteLine("    " + (reasoning ? _ansi.Dim(row) : row));
                }
            }
        }
    }

    private void HandleCore(AgentEvent item)
    {
        if (_runEnded && item is not UsageReported)
        {
            // A new run: what /expand shows is this one's.
            _runEnded = false;
            _expandable.Clear();
        }

        Track(item);
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
                CostUnknown |= usage.CostUsd is null && usage.Usage != TokenUsage.Zero;
                break;
            case RetryScheduled retry:
                Settle();
                Notice("retry\n" + retry.Reason, line => _ansi.Yellow(line),
                    string.Format(CultureInfo.InvariantCulture, Strings.TuiRetrying, retry.DelayMs / 1000.0, retry.Attempt, retry.Reason));
                break;
            case ModelSwitched switched:
                Settle();
                terminal.WriteLine(_ansi.Yellow(string.Format(CultureInfo.InvariantCulture, Strings.ModelSwitchedLine, switched.From, switched.To, switched.Reason)));
                break;
            case ResponseDiscarded:
                Settle();
                terminal.WriteLine(_ansi.Dim(Strings.TuiDiscarded));
                break;
            case ErrorOccurred error:
                Settle();
                Notice("error\n" + error.Message, line => _ansi.Red(line), Strings.ErrorPrefix + error.Message);
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
                _runEnded = true;
                if (run.Status is not RunStatus.Success and not RunStatus.Cancelled)
                    terminal.WriteLine(_ansi.Yellow(string.Format(CultureInfo.InvariantCulture, Strings.TuiRunEnded, StatusName(run.Status))));
                break;
        }
    }

    /// <summary>
    /// A retry or error line; the same notice again right after it (nothing drawn in between) redraws that line with a
    /// count, "(×3)", instead of adding one. Off a terminal, where lines cannot be redrawn, the count is appended.
    /// </summary>
    private void Notice(string key, Func<string, string> style, string line)
    {
        if (_repeatWrites != terminal.Writes)
            _repeats.Reset();
        var count = _repeats.Add(key);
        var shown = style(Hosting.RepeatFolder.WithCount(line, count));
        if (count > 1 && terminal.IsTerminal)
            terminal.Write("\x1b[1A\r\x1b[2K" + shown + "\n");
        else
            terminal.WriteLine(shown);
        _repeatWrites = terminal.Writes;
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
        var folded = 0;
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
            foreach (var row in Preview(done.Result, 3, ref folded))
                terminal.WriteLine("    " + (done.Status == ToolCallStatus.Interrupted ? _ansi.Dim(row) : _ansi.Red(row)));
        }
        else if (name != "todo_write")
        {
            foreach (var row in Preview(done.Result, name == "shell" ? 5 : name == "remember" ? 1 : 3, ref folded))
                terminal.WriteLine("    " + _ansi.Dim(row));
        }

        if (folded > 0)
        {
            terminal.WriteLine("    " + _ansi.Dim(folded > 1 ? string.Format(CultureInfo.InvariantCulture, Strings.TuiMoreLines, folded - 1) : Strings.TuiCutLines));
            _expandable.Add((line, done.Result, false));
        }
    }

    /// <summary>
    /// The first <paramref name="limit"/> lines of a tool's output, each cut to the width; <paramref name="folded"/>
    /// becomes 1 + the lines left out when anything was cut.
    /// </summary>
    private List<string> Preview(string result, int limit, ref int folded)
    {
        var lines = result.ReplaceLineEndings("\n").Trim('\n').Split('\n');
        if (lines is [""])
            return [];
        var rows = new List<string>();
        var cut = false;
        foreach (var line in lines.Take(limit))
        {
            var clean = Sanitize(line);
            var row = Truncate(clean, terminal.Width - 6);
            cut |= row.Length != clean.Length;
            rows.Add(row);
        }

        if (lines.Length > limit || cut)
            folded = 1 + Math.Max(0, lines.Length - limit);
        return rows;
    }

    /// <summary>Tool output without control characters (a stray escape sequence must not drive the terminal).</summary>
    internal static string Sanitize(string line)
    {
        if (!line.Any(c => c < ' ' || c == '\x7f'))
            return line;
        var text = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (c == '\t')
                text.Append("    ");
            else if (c >= ' ' && c != '\x7f')
                text.Append(c);
        }

        return text.ToString();
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

    /// <summary>
    /// Replaces the raw streamed line by its markdown rendering. A table row is held back by the markdown renderer
    /// (shown raw and dimmed meanwhile on a terminal) and the raw rows are replaced by the table when it ends.
    /// </summary>
    private void CompleteLine()
    {
        var source = _partial.ToString();
        if (terminal.IsTerminal && _partialColumns > 0)
        {
            var rows = terminal.Rows(_partialColumns);
            terminal.Write((rows > 1 ? $"\x1b[{rows - 1}A" : "") + "\r\x1b[J");
        }

        var before = _markdown.PendingLines;
        var rendered = _markdown.Render(source, terminal.Width);
        var held = _markdown.PendingLines > 0 && (rendered.Count > 0 || _markdown.PendingLines > before);
        WriteRendered(rendered);
        if (held && terminal.IsTerminal && _pendingRows < MaxPendingRows)
        {
            terminal.WriteLine(_ansi.Dim(source));
            _pendingRows += terminal.Rows(TextWidth.Of(source));
        }
        else if (held && terminal.IsTerminal)
        {
            // Past the raw rows shown, one line counts the rest (redrawn in place), so a long table never looks stalled.
            _unshownRows++;
            var count = _ansi.Dim(string.Format(CultureInfo.InvariantCulture, _unshownRows == 1 ? Strings.TuiTableMoreRow : Strings.TuiTableMoreRows, _unshownRows));
            if (_unshownRows == 1)
                _pendingRows++;
            terminal.Write((_unshownRows == 1 ? "" : "\x1b[1A\r\x1b[2K") + count + "\n");
        }

        _partial.Clear();
        _partialColumns = 0;
    }

    /// <summary>Writes rendered rows, first erasing the raw table rows they replace.</summary>
    private void WriteRendered(IReadOnlyList<string> rows)
    {
        if (rows.Count == 0)
            return;
        if (_pendingRows > 0 && terminal.IsTerminal)
            terminal.Write($"\x1b[{_pendingRows}A\r\x1b[J");
        _pendingRows = 0;
        _unshownRows = 0;
        foreach (var row in rows)
            terminal.WriteLine(row);
    }

    /// <summary>Ends the answer's text so far: the half line, and a table still held back.</summary>
    private void FlushPartial()
    {
        if (_partial.Length > 0)
            CompleteLine();
        WriteRendered(_markdown.Flush(terminal.Width));
    }

    /// <summary>Collects reasoning; on a terminal its latest words show in one dimmed line, redrawn in place.</summary>
    private void AppendReasoning(string text)
    {
        if (!_reasoning)
        {
            _reasoning = true;
            _thought.Clear();
            _reasoningStarted = _time.GetTimestamp();
        }

        _thought.Append(text);
        if (!terminal.IsTerminal)
            return;
        var tail = _thought.ToString(Math.Max(0, _thought.Length - 600), Math.Min(_thought.Length, 600));
        tail = string.Join(' ', tail.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        terminal.Write("\r\x1b[2K" + _ansi.Dim(Strings.TuiThinking + TruncateStart(Sanitize(tail), terminal.Width - 3)));
    }

    /// <summary>Collapses the reasoning to one summary line (the live line is replaced); /expand shows it all.</summary>
    private void EndReasoning()
    {
        if (!_reasoning)
            return;
        _reasoning = false;
        if (terminal.IsTerminal)
            terminal.Write("\r\x1b[2K");
        var thought = _thought.ToString();
        if (string.IsNullOrWhiteSpace(thought))
            return;
        var seconds = _time.GetElapsedTime(_reasoningStarted).TotalSeconds;
        terminal.WriteLine(_ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiThought, seconds, Words(thought))));
        _expandable.Add((_ansi.Dim(Strings.TuiThinkingTitle), thought, true));
    }

    /// <summary>Words in <paramref name="text"/>: runs between spaces, each CJK character one.</summary>
    internal static int Words(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                inWord = false;
            }
            else if (TextWidth.Of(rune) == 2)
            {
                words++;
                inWord = false;
            }
            else if (!inWord)
            {
                words++;
                inWord = true;
            }
        }

        return words;
    }

    /// <summary>The last <paramref name="columns"/> display columns of <paramref name="text"/>, an ellipsis first when cut.</summary>
    internal static string TruncateStart(string text, int columns)
    {
        if (TextWidth.Of(text) <= columns)
            return text;
        var width = 1;
        var i = text.Length;
        while (i > 0)
        {
            var start = char.IsLowSurrogate(text[i - 1]) && i > 1 ? i - 2 : i - 1;
            Rune.DecodeFromUtf16(text.AsSpan(start), out var rune, out _);
            var w = TextWidth.Of(rune);
            if (width + w > columns)
                break;
            width += w;
            i = start;
        }

        return "…" + text[i..];
    }

    private static string StatusName(RunStatus status) => status switch
    {
        RunStatus.MaxTurns => "max_turns",
        RunStatus.Budget => "budget",
        RunStatus.Error => "error",
        RunStatus.Cancelled => "cancelled",
        RunStatus.Refusal => "refusal",
        _ => "success",
    };
}
