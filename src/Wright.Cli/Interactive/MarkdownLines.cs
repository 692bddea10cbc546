using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// Renders markdown one completed line at a time (so it can follow a stream): headings bold, code fences and inline
/// code in colour, bullets as •, <c>**bold**</c>, quotes dimmed; every line wrapped to the width.
/// </summary>
internal sealed class MarkdownLines(Ansi ansi)
{
    private bool _inFence;

    /// <summary>Renders one source line (no newline) as one or more terminal rows.</summary>
    public IReadOnlyList<string> Render(string line, int width)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
        {
            _inFence = !_inFence;
            var language = trimmed.TrimStart('`', '~').Trim();
            return [ansi.Dim(_inFence ? (language.Length > 0 ? "┌ " + language : "┌") : "└")];
        }

        if (_inFence)
            return TextWrapper.Wrap(ansi.Dim("│ ") + ansi.Cyan(line), width, ansi.Dim("│ "));

        if (trimmed.Length > 0 && trimmed.TrimStart('#').StartsWith(' ') && trimmed.StartsWith('#'))
            return TextWrapper.Wrap(ansi.Bold(Inline(trimmed.TrimStart('#').Trim())), width);

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
        return rows;
    }

    /// <summary>Inline spans: <c>`code`</c>, <c>**bold**</c>, <c>*emphasis*</c>/<c>_emphasis_</c>.</summary>
    internal string Inline(string text)
    {
        if (text.IndexOfAny(['`', '*', '_']) < 0)
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
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '*' && text.IndexOf("**", i + 2, StringComparison.Ordinal) is var end and > 0)
            {
                result.Append(ansi.Bold(text[(i + 2)..end]));
                i = end + 2;
            }
            else if (text[i] is '*' or '_' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && i + 1 < text.Length && text[i + 1] != ' '
                     && text.IndexOf(text[i], i + 1) is var stop and > 0 && text[stop - 1] != ' '
                     && (stop + 1 >= text.Length || !char.IsLetterOrDigit(text[stop + 1])))
            {
                result.Append(ansi.Italic(text[(i + 1)..stop]));
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
}
