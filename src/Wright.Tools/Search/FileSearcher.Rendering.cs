using System.Runtime.InteropServices;

namespace Wright.Tools.Search;

/// <summary>
/// Content mode: the matched lines with context, rendered as <c>path:line:text</c> / <c>path-line-text</c>, from the
/// decoded text (chars) or from the raw bytes of a UTF-8 or Latin-1 file, each shown line then decoded alone.
/// </summary>
internal sealed partial class FileSearcher
{
    private const int MaxLineChars = 500;

    /// <summary>
    /// Renders the matches of <see cref="_matched"/> with <paramref name="context"/> lines around them ('--' between
    /// groups that do not touch), one '\n'-terminated line each, at most the head limit; <paramref name="lines"/> is
    /// how many there are in all.
    /// </summary>
    private string Render<T>(ReadOnlySpan<T> text, string path, int context, out int lines)
        where T : unmanaged, IEquatable<T>
    {
        var newline = NewlineOf<T>();
        var shownPath = _query.Show(path);
        _block.Clear();
        lines = 0;
        var previous = -1;
        var cursorLine = 0;
        var cursorStart = 0;
        Span<int> before = stackalloc int[Math.Min(context, 64)];
        for (var i = 0; i < _matched.Count; i++)
        {
            var (line, start, _) = _matched[i];
            if (start < 0)
                start = Forward(text, newline, ref cursorLine, ref cursorStart, line);

            // Context before: walk back from the match to the first line not shown yet.
            var first = Math.Max(line - context, previous + 1);
            var count = line - first;
            var starts = count <= before.Length ? before[..count] : new int[count];
            var s = start;
            for (var k = count - 1; k >= 0; k--)
            {
                s = text[..(s - 1)].LastIndexOf(newline) + 1;
                starts[k] = s;
            }

            for (var k = 0; k < count; k++)
                Line(text, newline, shownPath, first + k, starts[k], match: false, context, ref previous, ref lines);
            Line(text, newline, shownPath, line, start, match: true, context, ref previous, ref lines);
            cursorLine = line;
            cursorStart = start;

            // Context after, up to the next match (which shows itself), never past the last line.
            var next = i + 1 < _matched.Count ? _matched[i + 1].Line : int.MaxValue;
            for (var k = line + 1; k <= Math.Min((long)line + context, next - 1L); k++)
            {
                var end = text[cursorStart..].IndexOf(newline);
                if (end < 0 || cursorStart + end + 1 >= text.Length)
                    break;
                cursorStart += end + 1;
                cursorLine = k;
                Line(text, newline, shownPath, k, cursorStart, match: false, context, ref previous, ref lines);
            }
        }

        return _block.ToString();
    }

    /// <summary>Moves the cursor forward to line <paramref name="target"/> and returns its start.</summary>
    private static int Forward<T>(ReadOnlySpan<T> text, T newline, ref int cursorLine, ref int cursorStart, int target)
        where T : unmanaged, IEquatable<T>
    {
        while (cursorLine < target)
        {
            var end = text[cursorStart..].IndexOf(newline);
            cursorStart = end < 0 ? text.Length : cursorStart + end + 1;
            cursorLine++;
        }

        return cursorStart;
    }

    /// <summary>'\n' as a char or a byte.</summary>
    private static T NewlineOf<T>()
        where T : unmanaged, IEquatable<T> => typeof(T) == typeof(char) ? (T)(object)'\n' : (T)(object)(byte)'\n';

    private void Line<T>(ReadOnlySpan<T> text, T newline, string shownPath, int line, int start, bool match, int context, ref int previous, ref int lines)
        where T : unmanaged, IEquatable<T>
    {
        if (context > 0 && previous >= 0 && line > previous + 1)
        {
            if (lines < _query.HeadLimit)
                _block.Append("--\n");
            lines++;
        }

        previous = line;
        // Lines past the head limit can never be shown, whatever the other files hold: they are only counted.
        if (lines++ >= _query.HeadLimit)
            return;
        var rest = text[start..];
        var end = rest.IndexOf(newline);
        var raw = end < 0 ? rest : rest[..end];
        ReadOnlySpan<char> content;
        if (typeof(T) == typeof(char))
        {
            content = MemoryMarshal.Cast<T, char>(raw);
        }
        else
        {
            // The file is complete here, so its encoding can always be settled.
            TryDecodeLine(MemoryMarshal.Cast<T, byte>(raw), out var length);
            content = _chars.AsSpan(0, length);
        }

        content = content.TrimEnd('\r');
        var separator = match ? ':' : '-';
        _block.Append(shownPath).Append(separator).Append(line + 1).Append(separator);
        if (content.Length > MaxLineChars)
            _block.Append(content[..MaxLineChars]).Append(" […]");
        else
            _block.Append(content);
        _block.Append('\n');
    }
}
