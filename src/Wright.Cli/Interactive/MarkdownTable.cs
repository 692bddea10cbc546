using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// A markdown (GFM) table drawn in box characters: columns as wide as their widest cell in display columns (CJK and
/// emoji count two, so the borders line up), aligned by the delimiter row's colons, the header bold. When the table is
/// wider than the terminal the widest columns give way and their cells wrap.
/// </summary>
internal static class MarkdownTable
{
    private enum Align
    {
        Left,
        Center,
        Right,
    }

    /// <summary>The rows for <paramref name="lines"/> (header, delimiter row, body rows) at <paramref name="width"/> columns.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<string> lines, int width, Ansi ansi, Func<string, string> inline)
    {
        var header = Cells(lines[0]);
        var aligns = Cells(lines[1]).Select(ParseAlign).ToList();
        var columns = Math.Max(header.Count, aligns.Count);
        var rows = new List<List<string>> { Pad(header, columns).Select(c => ansi.Nested(ansi.Bold, inline(c.Trim()))).ToList() };
        foreach (var line in lines.Skip(2))
            rows.Add(Pad(Cells(line), columns).Select(c => inline(c.Trim())).ToList());

        var widths = new int[columns];
        foreach (var row in rows)
        {
            for (var c = 0; c < columns; c++)
                widths[c] = Math.Max(widths[c], Math.Max(1, TextWidth.Of(row[c])));
        }

        // Borders and padding take 3 columns per column plus one; the widest columns give way, down to 4.
        var room = width - (3 * columns) - 1;
        while (widths.Sum() > room)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= 4)
                break;
            widths[widest]--;
        }

        var output = new List<string> { ansi.Dim(Rule('┌', '┬', '┐', widths)) };
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = new IReadOnlyList<string>[columns];
            for (var c = 0; c < columns; c++)
                cells[c] = TextWidth.Of(rows[r][c]) > widths[c] ? TextWrapper.Wrap(rows[r][c], widths[c]) : [rows[r][c]];
            var height = cells.Max(c => c.Count);
            for (var h = 0; h < height; h++)
            {
                var text = new StringBuilder(ansi.Dim("│"));
                for (var c = 0; c < columns; c++)
                {
                    var cell = h < cells[c].Count ? cells[c][h] : "";
                    text.Append(' ').Append(Aligned(cell, widths[c], c < aligns.Count ? aligns[c] : Align.Left)).Append(' ').Append(ansi.Dim("│"));
                }

                output.Add(text.ToString());
            }

            if (r == 0)
                output.Add(ansi.Dim(Rule('├', '┼', '┤', widths)));
        }

        output.Add(ansi.Dim(Rule('└', '┴', '┘', widths)));
        return output;
    }

    /// <summary>The cells of one row: split at pipes outside code spans (<c>\|</c> is a literal pipe), outer pipes dropped.</summary>
    public static List<string> Cells(string line)
    {
        var text = line.Trim();
        if (text.StartsWith('|'))
            text = text[1..];
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inCode = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (c == '`')
            {
                inCode = !inCode;
                cell.Append(c);
            }
            else if (c == '|' && !inCode)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.ToString().Trim().Length > 0)
            cells.Add(cell.ToString());
        return cells;
    }

    private static Align ParseAlign(string cell)
    {
        var c = cell.Trim();
        var left = c.StartsWith(':');
        var right = c.EndsWith(':') && c.Length > 1;
        return left && right ? Align.Center : right ? Align.Right : Align.Left;
    }

    private static IEnumerable<string> Pad(List<string> cells, int columns) =>
        cells.Take(columns).Concat(Enumerable.Repeat("", Math.Max(0, columns - cells.Count)));

    private static string Aligned(string cell, int width, Align align)
    {
        var gap = Math.Max(0, width - TextWidth.Of(cell));
        return align switch
        {
            Align.Right => new string(' ', gap) + cell,
            Align.Center => new string(' ', gap / 2) + cell + new string(' ', gap - (gap / 2)),
            _ => cell + new string(' ', gap),
        };
    }

    private static string Rule(char left, char middle, char right, int[] widths) =>
        left + string.Join(middle, widths.Select(w => new string('─', w + 2))) + right;
}
