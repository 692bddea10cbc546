using System.Text;
using Wright.Tools.Files;

namespace Wright.Tools.Patch;

public static partial class PatchApplier
{
    /// <summary>One line of the result: its text and ending ("\n", "\r\n", "" for an unterminated last line, null: not decided yet).</summary>
    private readonly record struct Line(string Text, string? Ending);

    /// <summary>The new bytes of a file after an update's chunks (same encoding and BOM).</summary>
    private static byte[] Update(byte[] bytes, UpdateFile update, string full)
    {
        var file = TextFile.Decode(bytes);
        var lines = Split(file.Text);
        var texts = lines.ConvertAll(l => l.Text);
        var replacements = new List<(int Start, int Length, List<Line> Lines)>();
        var index = 0;
        foreach (var chunk in update.Chunks)
        {
            if (chunk.Context is { } context)
            {
                var at = SeekSequence.Find(texts, [context], index, false);
                if (at < 0)
                    throw new PatchException($"Failed to find context '{context}' in {full}");
                index = at + 1;
            }

            if (chunk.OldLines.Count == 0)
            {
                // A pure addition goes at the end (before a final blank line), as in Codex.
                var insertion = texts.Count > 0 && texts[^1].Length == 0 ? texts.Count - 1 : texts.Count;
                replacements.Add((insertion, 0, chunk.NewLines.Select(t => new Line(t, null)).ToList()));
                continue;
            }

            IReadOnlyList<string> pattern = chunk.OldLines;
            IReadOnlyList<string> newSlice = chunk.NewLines;
            var trimmed = false;
            var found = SeekSequence.Find(texts, pattern, index, chunk.EndOfFile);
            if (found < 0 && pattern[^1].Length == 0)
            {
                // The last old line is often the blank that stands for the file's final newline: retry without it.
                pattern = [.. pattern.Take(pattern.Count - 1)];
                if (newSlice.Count > 0 && newSlice[^1].Length == 0)
                    newSlice = [.. newSlice.Take(newSlice.Count - 1)];
                trimmed = true;
                found = SeekSequence.Find(texts, pattern, index, chunk.EndOfFile);
            }

            if (found < 0)
                throw new PatchException($"Failed to find expected lines in {full}:\n{string.Join('\n', chunk.OldLines)}");
            replacements.Add((found, pattern.Count, Segment(lines, found, pattern, newSlice, chunk, trimmed)));
            index = found + pattern.Count;
        }

        var result = new List<Line>(lines.Count + 16);
        var cursor = 0;
        foreach (var (start, length, segment) in replacements.OrderBy(r => r.Start))
        {
            var from = Math.Max(start, cursor);
            result.AddRange(lines.Skip(cursor).Take(from - cursor));
            result.AddRange(segment);
            cursor = Math.Max(cursor, from + length);
        }

        result.AddRange(lines.Skip(cursor));
        var text = new StringBuilder(file.Text.Length + 64);
        var preferred = lines.Find(l => l.Ending is { Length: > 0 }).Ending ?? "\n";
        for (var i = 0; i < result.Count; i++)
            text.Append(result[i].Text).Append(Ending(result, i, preferred));
        return file.Encode(text.ToString());
    }

    /// <summary>
    /// The lines a matched chunk leaves in place of the region it matched: context lines as they are in the file,
    /// removed lines gone, added lines with the ending of the removed line at their place in the same run (else to be
    /// decided by their neighbours). A chunk whose lines cannot be lined up with the region (only after the final
    /// blank line was dropped from an odd pattern) replaces the region as a whole.
    /// </summary>
    private static List<Line> Segment(List<Line> lines, int start, IReadOnlyList<string> pattern, IReadOnlyList<string> newSlice, PatchChunk chunk, bool trimmed)
    {
        var ops = chunk.Lines.ToList();
        if (trimmed)
        {
            var lastOld = ops.FindLastIndex(o => o.Kind != '+');
            var wasContext = ops[lastOld].Kind == ' ';
            ops.RemoveAt(lastOld);
            if (!wasContext && newSlice.Count < chunk.NewLines.Count && ops.FindLastIndex(o => o.Kind != '-') is var lastNew and >= 0 && ops[lastNew].Kind == '+')
                ops.RemoveAt(lastNew);
        }

        if (!ops.Where(o => o.Kind != '+').Select(o => o.Text).SequenceEqual(pattern) || !ops.Where(o => o.Kind != '-').Select(o => o.Text).SequenceEqual(newSlice))
            ops = [.. pattern.Select(t => ('-', t)), .. newSlice.Select(t => ('+', t))];

        var segment = new List<Line>();
        var removed = new List<string?>();
        var added = new List<string>();
        void Flush()
        {
            for (var k = 0; k < added.Count; k++)
                segment.Add(new Line(added[k], removed.Count == 0 ? null : removed[Math.Min(k, removed.Count - 1)] is { Length: > 0 } e ? e : null));
            removed.Clear();
            added.Clear();
        }

        var at = start;
        foreach (var (kind, text) in ops)
        {
            switch (kind)
            {
                case ' ':
                    Flush();
                    segment.Add(lines[at++]);
                    break;
                case '-':
                    removed.Add(lines[at++].Ending);
                    break;
                default:
                    added.Add(text);
                    break;
            }
        }

        Flush();
        return segment;
    }

    /// <summary>
    /// The ending of line <paramref name="i"/>: its own; for a new line (or the old unterminated last line, which an
    /// update always terminates, as Codex does) the nearest decided ending before it, else after it, else the file's first.
    /// </summary>
    private static string Ending(List<Line> lines, int i, string preferred)
    {
        if (lines[i].Ending is { Length: > 0 } own)
            return own;
        for (var k = i - 1; k >= 0; k--)
        {
            if (lines[k].Ending is { Length: > 0 } before)
                return before;
        }

        for (var k = i + 1; k < lines.Count; k++)
        {
            if (lines[k].Ending is { Length: > 0 } after)
                return after;
        }

        return preferred;
    }

    /// <summary>Splits text into lines with their own endings; the empty rest after a final newline is no line.</summary>
    private static List<Line> Split(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', start))
        {
            var crlf = i > start && text[i - 1] == '\r';
            lines.Add(new Line(text[start..(crlf ? i - 1 : i)], crlf ? "\r\n" : "\n"));
            start = i + 1;
        }

        if (start < text.Length)
            lines.Add(new Line(text[start..], ""));
        return lines;
    }
}
