using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// Wraps one logical line to a column width: breaks at spaces where it can, anywhere between wide (CJK) characters,
/// and inside a word only when the word alone is too long. Escape sequences are kept and count zero columns.
/// </summary>
internal static class TextWrapper
{
    /// <summary>The rows <paramref name="line"/> becomes at <paramref name="width"/> columns (at least one).</summary>
    public static IReadOnlyList<string> Wrap(string line, int width, string continuationIndent = "")
    {
        width = Math.Max(width, 4);
        var rows = new List<string>();
        var current = new StringBuilder();
        var currentWidth = 0;
        var lastBreak = -1; // index in current just after a space, where a break may go
        var lastBreakWidth = 0;
        var indentWidth = TextWidth.Of(continuationIndent);
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == '\x1b')
            {
                var end = TextWidth.SkipEscape(line, i);
                current.Append(line, i, end - i);
                i = end;
                continue;
            }

            Rune.DecodeFromUtf16(line.AsSpan(i), out var rune, out var consumed);
            consumed = Math.Max(consumed, 1);
            var w = TextWidth.Of(rune);
            if (currentWidth + w > width && currentWidth > indentWidth)
            {
                if (rune.Value == ' ')
                {
                    // A space at the edge becomes the break itself.
                    rows.Add(current.ToString().TrimEnd(' '));
                    current.Clear().Append(continuationIndent);
                    currentWidth = indentWidth;
                    lastBreak = -1;
                    i += consumed;
                    continue;
                }

                if (lastBreak > 0 && w < 2)
                {
                    var head = current.ToString(0, lastBreak).TrimEnd(' ');
                    var tail = current.ToString(lastBreak, current.Length - lastBreak);
                    rows.Add(head);
                    current.Clear().Append(continuationIndent).Append(tail);
                    currentWidth = indentWidth + currentWidth - lastBreakWidth;
                }
                else
                {
                    rows.Add(current.ToString());
                    current.Clear().Append(continuationIndent);
                    currentWidth = indentWidth;
                }

                lastBreak = -1;
            }

            current.Append(line, i, consumed);
            currentWidth += w;
            if (rune.Value == ' ' || w == 2)
            {
                // After a space or a wide character a line may break.
                lastBreak = current.Length;
                lastBreakWidth = currentWidth;
            }

            i += consumed;
        }

        rows.Add(current.ToString());
        return rows.Count > 1 && line.Contains("\x1b[", StringComparison.Ordinal) ? CarryStyles(rows, continuationIndent) : rows;
    }

    /// <summary>
    /// Closes a style still open at the end of a row and opens it again after the next row's indent, so a wrapped span
    /// keeps its colour and whatever is drawn between rows (an indent, a table border) does not take it.
    /// </summary>
    private static List<string> CarryStyles(List<string> rows, string indent)
    {
        var open = new List<string>();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (r > 0 && open.Count > 0)
            {
                var at = row.StartsWith(indent, StringComparison.Ordinal) ? indent.Length : 0;
                row = row[..at] + string.Concat(open) + row[at..];
            }

            open.Clear(); // the row is read from its start, the styles just opened included

            for (var i = row.IndexOf('\x1b'); i >= 0 && i < row.Length; i = row.IndexOf('\x1b', i))
            {
                var end = TextWidth.SkipEscape(row, i);
                var sequence = row[i..end];
                if (sequence is "\x1b[0m" or "\x1b[m")
                    open.Clear();
                else if (sequence.StartsWith("\x1b[", StringComparison.Ordinal) && sequence.EndsWith('m'))
                    open.Add(sequence);
                i = end;
            }

            rows[r] = open.Count > 0 ? row + "\x1b[0m" : row;
        }

        return rows;
    }
}
