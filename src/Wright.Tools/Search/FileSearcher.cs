using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace Wright.Tools.Search;

/// <summary>
/// Searches one file at a time for <see cref="GrepTool"/>, reusing its read and decode buffers (one searcher per
/// thread). Files are decoded like <c>TextFile.Decode</c> (BOMs, strict UTF-8, else Latin-1) and matched line by
/// line with ripgrep's semantics; when the pattern allows it, the whole text is scanned once and only candidate
/// lines are looked at, which is what makes a search over a large tree fast.
/// </summary>
internal sealed class FileSearcher
{
    private const int BinaryProbeBytes = 8192;
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Regex _lineRegex;
    private readonly Regex? _textRegex;
    private readonly SearchValues<string>? _literals;
    private readonly bool _multiline;
    private byte[] _bytes = [];
    private char[] _chars = [];

    /// <summary>
    /// Creates a searcher. <paramref name="textRegex"/> is the same pattern with Multiline, or null when it is not
    /// line-safe; <paramref name="literals"/> are the pattern's required literals (<see cref="RequiredLiterals"/>), if any.
    /// </summary>
    public FileSearcher(Regex lineRegex, Regex? textRegex, SearchValues<string>? literals, bool multiline)
    {
        _lineRegex = lineRegex;
        _textRegex = textRegex;
        _literals = literals;
        _multiline = multiline;
    }

    /// <summary>
    /// Whether scanning the whole text (with Multiline, so ^ and $ work per line) finds every line that a per-line
    /// match would: true unless the pattern has lookarounds, atomic groups, conditionals or \A \z \Z \G, which can
    /// see or consume past a line's end.
    /// </summary>
    public static bool IsLineSafe(string pattern)
    {
        for (var i = 0; i < pattern.Length - 1; i++)
        {
            if (pattern[i] == '\\')
            {
                if (pattern[i + 1] is 'A' or 'z' or 'Z' or 'G')
                    return false;
                i++;
            }
            else if (pattern[i] == '(' && pattern[i + 1] == '?')
            {
                var next = i + 2 < pattern.Length ? pattern[i + 2] : '\0';
                var afterNext = i + 3 < pattern.Length ? pattern[i + 3] : '\0';
                var safe = next is ':' or '\'' or 'i' or 'm' or 'n' or 's' or 'x' or '-' || (next == '<' && afterNext is not ('=' or '!'));
                if (!safe)
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads and searches a file. Returns null for binary or unreadable files and files without a match; otherwise the
    /// matched line numbers (0-based, ascending) and, when <paramref name="contextLines"/> is not null, the shown lines.
    /// </summary>
    public FileMatches? Search(string path, bool firstOnly, int? contextLines)
    {
        if (ReadText(path) is not { } length)
            return null;
        var span = _chars.AsSpan(0, length);
        var matched = new List<int>();
        if (_literals is not null && !span.ContainsAny(_literals))
            return null;
        if (_multiline)
            MultilineMatches(span, matched);
        else if (_literals is not null || _textRegex is not null)
            CandidateMatches(span, matched, firstOnly);
        else
            LineMatches(span, matched, firstOnly);
        if (matched.Count == 0)
            return null;
        return new FileMatches(matched, contextLines is { } c ? Shown(span, matched, c) : null);
    }

    private int? ReadText(string path)
    {
        int count;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length >= Array.MaxLength)
                return null;
            Ensure(ref _bytes, (int)Math.Max(length, BinaryProbeBytes));
            count = RandomAccess.Read(handle, _bytes.AsSpan(0, BinaryProbeBytes), 0);
            // Like WorkspaceWalker.IsBinary: a NUL byte in the first 8 KB means binary, and the rest is not read.
            if (_bytes.AsSpan(0, count).Contains((byte)0))
                return null;
            count = ReadRest(handle, count, length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Decode(_bytes.AsSpan(0, count));
    }

    private int ReadRest(SafeFileHandle handle, int count, long length)
    {
        if (count < BinaryProbeBytes && length > 0)
            return count;
        while (length == 0 || count < length)
        {
            if (count == _bytes.Length)
                Ensure(ref _bytes, _bytes.Length * 2);
            var read = RandomAccess.Read(handle, _bytes.AsSpan(count), count);
            if (read == 0)
                break;
            count += read;
        }

        return count;
    }

    private int Decode(ReadOnlySpan<byte> bytes)
    {
        Ensure(ref _chars, bytes.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return LenientUtf8.GetChars(bytes[3..], _chars);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Encoding.Unicode.GetChars(bytes[2..], _chars);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Encoding.BigEndianUnicode.GetChars(bytes[2..], _chars);
        return Utf8.ToUtf16(bytes, _chars, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
            ? written
            : Encoding.Latin1.GetChars(bytes, _chars);
    }

    private static void Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[Math.Max(length, Math.Min(Array.MaxLength, Math.Max(64 * 1024, buffer.Length * 2L)))];
    }

    /// <summary>
    /// Skips to the next line that can match: one holding a required literal, else one where a whole-text scan
    /// finds a match starting; only that line is checked, then the search goes on after it.
    /// </summary>
    private void CandidateMatches(ReadOnlySpan<char> text, List<int> matched, bool firstOnly)
    {
        var position = 0;
        var line = 0;
        var counted = 0;
        while (position < text.Length)
        {
            int index;
            var length = -1;
            if (_literals is not null)
            {
                index = text[position..].IndexOfAny(_literals) is var found and >= 0 ? position + found : -1;
            }
            else
            {
                index = -1;
                foreach (var m in _textRegex!.EnumerateMatches(text, position))
                {
                    index = m.Index;
                    length = m.Length;
                    break;
                }
            }

            if (index < 0)
                return;
            var start = position + text[position..index].LastIndexOf('\n') + 1;
            var end = text[index..].IndexOf('\n') is var e and >= 0 ? index + e : text.Length;
            // The trailing empty segment after a final newline is not a line (as for ripgrep).
            if (start == text.Length)
                return;
            line += text[counted..start].Count('\n');
            counted = start;
            // A regex match inside the line is a match of the line alone; a literal, or a match that runs past the
            // line's end, must be checked against the line.
            if ((length >= 0 && index + length <= end) || _lineRegex.IsMatch(text[start..end]))
            {
                matched.Add(line);
                if (firstOnly)
                    return;
            }

            position = end + 1;
        }
    }

    private void LineMatches(ReadOnlySpan<char> text, List<int> matched, bool firstOnly)
    {
        var line = 0;
        for (var start = 0; start < text.Length; line++)
        {
            var end = text[start..].IndexOf('\n') is var e and >= 0 ? start + e : text.Length;
            // Like ripgrep (without --crlf), a CR before the newline belongs to the line.
            if (_lineRegex.IsMatch(text[start..end]))
            {
                matched.Add(line);
                if (firstOnly)
                    return;
            }

            start = end + 1;
        }
    }

    private void MultilineMatches(ReadOnlySpan<char> text, List<int> matched)
    {
        var set = new SortedSet<int>();
        var line = 0;
        var counted = 0;
        foreach (var m in _lineRegex.EnumerateMatches(text))
        {
            line += text[counted..m.Index].Count('\n');
            counted = m.Index;
            var last = line + text.Slice(m.Index, m.Length).Count('\n');
            for (var l = line; l <= last; l++)
                set.Add(l);
        }

        matched.AddRange(set);
    }

    /// <summary>The matched lines with their context, as (1-based number, text without CR, is a match).</summary>
    private static List<(int Line, string Text, bool Match)> Shown(ReadOnlySpan<char> text, List<int> matched, int contextLines)
    {
        var starts = new List<int>();
        for (var start = 0; start < text.Length;)
        {
            starts.Add(start);
            var end = text[start..].IndexOf('\n');
            start = end < 0 ? text.Length : start + end + 1;
        }

        // A multiline match may end on the empty segment after a final newline; it is shown as an empty line.
        if (starts.Count == 0 || matched[^1] >= starts.Count)
            starts.Add(text.Length);
        var lineCount = starts.Count;
        var shown = new List<(int, string, bool)>();
        var next = 0;
        var m = 0;
        foreach (var l in matched)
        {
            for (var k = Math.Max(next, l - contextLines); k <= Math.Min(lineCount - 1, l + contextLines); k++)
            {
                while (m < matched.Count && matched[m] < k)
                    m++;
                var end = k + 1 < lineCount ? starts[k + 1] - 1 : text.Length > starts[k] && text[^1] == '\n' ? text.Length - 1 : text.Length;
                shown.Add((k + 1, new string(text[starts[k]..end].TrimEnd('\r')), m < matched.Count && matched[m] == k));
                next = k + 1;
            }
        }

        return shown;
    }
}
