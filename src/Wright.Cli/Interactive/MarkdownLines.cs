using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// Renders markdown one completed line at a time (so it can follow a stream): headings bold, code fences with syntax
/// colour, inline code in colour, bullets as •, <c>**bold**</c>, links as text and address, quotes dimmed, tables
/// boxed and aligned (a table's rows are held back until the table ends); every line wrapped to the width.
/// </summary>
internal sealed class MarkdownLines(Ansi ansi)
{
    private readonly List<string> _table = [];
    private bool _inFence;
    private SyntaxHighlighter? _highlighter;

    /// <summary>Source lines held back as a possible table; <see cref="Flush"/> renders them.</summary>
    public int PendingLines => _table.Count;

    /// <summary>
    /// Renders one source line (no newline) as terminal rows: none while a table is being collected, and the whole
    /// table (then this line) once a line ends it.
    /// </summary>
    public IReadOnlyList<string> Render(string line, int width)
    {
        if (!_inFence && IsTableRow(line))
        {
            if (_table.Count == 1 && !IsSeparator(line))
            {
                // The row before was not a table's header after all.
                var text = Flush(width);
                _table.Add(line);
                return text;
            }

            _table.Add(line);
            return [];
        }

        if (_table.Count == 0)
            return RenderLine(line, width);
        var rows = new List<string>(Flush(width));
        rows.AddRange(RenderLine(line, width));
        return rows;
    }

    /// <summary>Renders the lines held back (the end of the message ends a table).</summary>
    public IReadOnlyList<string> Flush(int width)
    {
        if (_table.Count == 0)
            return [];
        var lines = _table.ToList();
        _table.Clear();
        if (lines.Count >= 2 && IsSeparator(lines[1]))
            return MarkdownTable.Render(lines, width, ansi, Inline);
        return lines.SelectMany(l => RenderLine(l, width)).ToList();
    }

    /// <summary>Renders one source line (no newline) as one or more terminal rows.</summary>
    private IReadOnlyList<string> RenderLine(string line, int width)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
        {
            _inFence = !_inFence;
            var language = trimmed.TrimStart('`', '~').Trim();
            _highlighter = _inFence ? SyntaxHighlighter.For(language, ansi) : null;
            return [ansi.Dim(_inFence ? (language.Length > 0 ? "┌ " + language : "┌") : "└")];
        }

        if (_inFence)
            return TextWrapper.Wrap(ansi.Dim("│ ") + (_highlighter?.Highlight(line) ?? line), width, ansi.Dim("│ "));

        if (trimmed.Length > 0 && trimmed.TrimStart('#').StartsWith(' ') && trimmed.StartsWith('#'))
        {
            // # is bold and underlined, ## and deeper bold: the levels stay apart without taking more rows.
            Func<string, string> style = trimmed.StartsWith("# ", StringComparison.Ordinal) ? t => ansi.Bold(ansi.Underline(t)) : ansi.Bold;
            return TextWrapper.Wrap(ansi.Nested(style, Inline(trimmed.TrimStart('#').Trim())), width);
        }

        if (trimmed is "---" or "***" or "___")
            return [ansi.Dim(new string('─', Math.Min(width, 40)))];

        var indent = line[..(line.Length - trimmed.Length)];
        if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("* ", StringComparison.Ordinal) || trimmed.StartsWith("+ ", StringComparison.Ordinal))
        {
            var body = trimmed[2..];
            var checkbox = body.StartsWith("[ ] ", StringComparison.Ordinal) ? "☐ " : body.StartsWith("[x] ", StringComparison.OrdinalIgnoreCase) ? "☑ " : null;
            if (checkbox is not null)
                body = body[4..];
            return TextWrapper.Wrap(indent + (checkbox ?? "• ") + Inline(body), width, indent + "  ");
        }

        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
            digits++;
        if (digits > 0 && digits + 1 < trimmed.Length && trimmed[digits] is '.' or ')' && trimmed[digits + 1] == ' ')
            return TextWrapper.Wrap(indent + trimmed[..(digits + 2)] + Inline(trimmed[(digits + 2)..]), width, indent + new string(' ', digits + 2));

        if (trimmed.StartsWith('>'))
            return TextWrapper.Wrap(ansi.Dim("│ " + trimmed.TrimStart('>').TrimStart()), width, ansi.Dim("│ "));

        return TextWrapper.Wrap(Inline(line), width);
    }

    /// <summary>Renders a whole text.</summary>
    public IReadOnlyList<string> RenderAll(string text, int width)
    {
        var rows = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
            rows.AddRange(Render(line, width));
        rows.AddRange(Flush(width));
        return rows;
    }

    /// <summary>A table row: starts with a pipe.</summary>
    internal static bool IsTableRow(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 1 && trimmed[0] == '|';
    }

    /// <summary>A table's delimiter row: <c>|---|:--:|--:|</c>.</summary>
    internal static bool IsSeparator(string line)
    {
        var cells = MarkdownTable.Cells(line);
        return cells.Count > 0 && cells.All(c => c.Trim().Trim(':') is { Length: > 0 } dashes && dashes.All(ch => ch == '-'));
    }

    /// <summary>
    /// Inline spans: <c>`code`</c>, <c>**bold**</c>, <c>*emphasis*</c>/<c>_emphasis_</c>, <c>[text](url)</c> (the
    /// text underlined and, in colour, an OSC 8 hyperlink; the address after it, dimmed). Bare URLs stay as they are.
    /// </summary>
    internal string Inline(string text)
    {
        if (text.IndexOfAny(['`', '*', '_', '[']) < 0)
            return text;
        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '`' && text.IndexOf('`', i + 1) is var close and > 0)
            {
                result.Append(ansi.Cyan(text[(i + 1)..close]));
                i = close + 1;
            }
            else if (text[i] == '[' && Link(text, i) is { } link)
            {
                var label = Inline(link.Label);
                var url = new string(link.Url.Where(c => c >= ' ' && c != '\x7f').ToArray());
                result.Append(ansi.Link(ansi.Nested(ansi.Underline, label), url));
                if (link.Label != link.Url)
                    result.Append(ansi.Dim(" (" + url + ")"));
                i = link.End;
            }
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '*' && text.IndexOf("**", i + 2, StringComparison.Ordinal) is var end and > 0)
            {
                result.Append(ansi.Nested(ansi.Bold, Inline(text[(i + 2)..end])));
                i = end + 2;
            }
            else if (text[i] is '*' or '_' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && i + 1 < text.Length && text[i + 1] != ' '
                     && text.IndexOf(text[i], i + 1) is var stop and > 0 && text[stop - 1] != ' '
                     && (stop + 1 >= text.Length || !char.IsLetterOrDigit(text[stop + 1])))
            {
                result.Append(ansi.Nested(ansi.Italic, Inline(text[(i + 1)..stop])));
                i = stop + 1;
            }
            else
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }

    /// <summary>The link <c>[label](url)</c> that starts at <paramref name="start"/>, if one does.</summary>
    private static (string Label, string Url, int End)? Link(string text, int start)
    {
        var close = text.IndexOf("](", start + 1, StringComparison.Ordinal);
        if (close < 0 || text.IndexOf(']', start + 1) != close)
            return null;
        var end = text.IndexOf(')', close + 2);
        if (end < 0 || text.AsSpan(close + 2, end - close - 2).Contains(' '))
            return null;
        return (text[(start + 1)..close], text[(close + 2)..end], end + 1);
    }
}
