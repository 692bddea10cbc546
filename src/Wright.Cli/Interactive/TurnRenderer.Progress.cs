using System.Globalization;
using System.Text;
using Wright.Cli.Text;
using Wright.Core.Events;

namespace Wright.Cli.Interactive;

/// <summary>
/// The live progress of a run: a spinner with the time since the run started and the tokens the model produced so far
/// (counted by the provider once a response ends, estimated from the streamed text meanwhile), or, while a tool runs,
/// its name, its time and the last lines of its output as they arrive. The host draws it as the terminal's live block.
/// </summary>
internal sealed partial class TurnRenderer
{
    private const int TailLines = 3;
    private const int TailChars = 4000;
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly List<(string CallId, string Name, string Arguments, long Started, StringBuilder Tail)> _runningTools = [];
    private long _runStarted = -1;
    private long _runOutputTokens;
    private long _streamedChars;

    /// <summary>Starts the clock of a new run (the progress line's elapsed time and token count start from here).</summary>
    public void BeginRun()
    {
        lock (terminal.Lock)
        {
            _runStarted = _time.GetTimestamp();
            _runOutputTokens = 0;
            _streamedChars = 0;
            _runningTools.Clear();
        }
    }

    /// <summary>
    /// The progress rows for tick <paramref name="frame"/>, each cut to fit a row; <paramref name="typeAhead"/> (what
    /// was typed during the run) is shown under them when there is any.
    /// </summary>
    public IReadOnlyList<string> ProgressRows(int frame, string? typeAhead, bool queued)
    {
        lock (terminal.Lock)
        {
            var width = Math.Max(10, terminal.Width - 1);
            var spinner = Frames[frame % Frames.Length];
            var rows = new List<string>();
            if (_runningTools.Count > 0)
            {
                var tool = _runningTools[^1];
                var summary = Summary(tool.Name, tool.Arguments);
                var head = string.Format(CultureInfo.InvariantCulture, Strings.TuiProgressTool, spinner, tool.Name, Elapsed(tool.Started));
                rows.Add(_ansi.Cyan(Truncate(head + (summary.Length > 0 ? " · " + summary : ""), width)));
                foreach (var line in LastLines(tool.Tail.ToString(), TailLines))
                    rows.Add(_ansi.Dim(Truncate("  │ " + line, width)));
            }
            else
            {
                var tokens = _runOutputTokens + ((_streamedChars + 3) / 4);
                rows.Add(_ansi.Cyan(Truncate(string.Format(CultureInfo.InvariantCulture, Strings.TuiProgressModel, spinner,
                    Elapsed(_runStarted < 0 ? _time.GetTimestamp() : _runStarted), tokens), width)));
            }

            if (!string.IsNullOrEmpty(typeAhead) || queued)
            {
                var shown = Sanitize((typeAhead ?? "").ReplaceLineEndings(" ⏎ "));
                var note = queued ? Strings.TuiTypeAheadQueued : Strings.TuiTypeAheadDraft;
                var room = Math.Max(10, width - TextWidth.Of(note) - 3);
                rows.Add(_ansi.Bold("› ") + TruncateStart(shown, room) + " " + _ansi.Dim(note));
            }

            return rows;
        }
    }

    /// <summary>Keeps the progress state up to date with the run's events.</summary>
    private void Track(AgentEvent item)
    {
        switch (item)
        {
            case TextDelta text:
                _streamedChars += text.Text.Length;
                break;
            case ReasoningDelta reasoning:
                _streamedChars += reasoning.Text.Length;
                break;
            case UsageReported usage:
                _runOutputTokens += usage.Usage.OutputTokens;
                _streamedChars = 0;
                break;
            case ToolCallRequested call:
                _runningTools.Add((call.CallId, call.Name, call.Arguments, _time.GetTimestamp(), new StringBuilder()));
                break;
            case ToolOutputDelta delta:
                var index = _runningTools.FindIndex(t => t.CallId == delta.CallId);
                if (index >= 0)
                {
                    var tail = _runningTools[index].Tail.Append(delta.Text);
                    if (tail.Length > TailChars)
                        tail.Remove(0, tail.Length - TailChars);
                }

                break;
            case ToolCallFinished done:
                _runningTools.RemoveAll(t => t.CallId == done.CallId);
                break;
            case RunFinished:
                _runningTools.Clear();
                break;
        }
    }

    /// <summary>The last <paramref name="count"/> non-blank lines of a tool's output; a carriage return keeps what follows it (progress bars).</summary>
    internal static List<string> LastLines(string output, int count)
    {
        var lines = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var carriage = line.LastIndexOf('\r');
            if (carriage >= 0)
                line = line[(carriage + 1)..];
            line = Sanitize(line);
            if (line.Trim().Length > 0)
                lines.Add(line);
        }

        return lines.Count <= count ? lines : lines[^count..];
    }

    /// <summary>Seconds under a minute ("12s"), then minutes and seconds ("2m 05s").</summary>
    private string Elapsed(long since)
    {
        var seconds = (long)_time.GetElapsedTime(since).TotalSeconds;
        return seconds < 60
            ? seconds.ToString(CultureInfo.InvariantCulture) + "s"
            : string.Format(CultureInfo.InvariantCulture, "{0}m {1:00}s", seconds / 60, seconds % 60);
    }
}
