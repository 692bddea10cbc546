using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Wright.Tools.Search;

/// <summary>
/// Searching the raw bytes of a file that is not UTF-16, as ripgrep does: the required literals are found in the bytes
/// (ASCII, so the same positions whether the file decodes as UTF-8 or Latin-1), and only the lines holding one are
/// decoded and given to the regex. The text the rest of the tool sees is unchanged: a line decodes exactly as the
/// whole file would (strict UTF-8 if the whole file is valid UTF-8, else Latin-1; lenient UTF-8 after a BOM), since
/// '\n' never occurs inside a multi-byte UTF-8 sequence.
/// </summary>
internal sealed partial class FileSearcher
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private FileEncoding _encoding;
    private bool _complete;
    private int _contentStart;
    private int _contentEnd;

    /// <summary>How the current file's non-ASCII lines decode (ASCII lines read the same in all).</summary>
    private enum FileEncoding
    {
        /// <summary>Not known yet: no non-ASCII line has been looked at.</summary>
        Unknown,
        Utf8,
        Latin1,
        LenientUtf8,
    }

    /// <summary>Searches the <paramref name="count"/> bytes read; null when nothing matched.</summary>
    private FileMatches? SearchBytes(int count, string path)
    {
        var content = StartBytes(count, complete: true);
        if (FindBytes(content) != true)
            return null;
        return _query.ContextLines is { } context
            ? new FileMatches(_matched.Count, Render(content, path, context, out var lines), lines)
            : new FileMatches(_matched.Count, null, 0);
    }

    /// <summary>
    /// Files mode, a large file: whether a line among the complete lines of the first <paramref name="count"/> bytes
    /// matches, decided without the rest of the file (an ASCII line, or any line after a UTF-8 BOM); false sends the
    /// file to the full search.
    /// </summary>
    private bool EarlyByteMatch(int count)
    {
        var head = StartBytes(count, complete: false);
        var end = head.LastIndexOf((byte)'\n');
        return end >= 0 && FindBytes(head[..end]) == true;
    }

    /// <summary>Notes where the content starts (after a UTF-8 BOM) and ends, and forgets the encoding; the content.</summary>
    private ReadOnlySpan<byte> StartBytes(int count, bool complete)
    {
        var bom = _bytes.AsSpan(0, count).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        _contentStart = bom ? 3 : 0;
        _contentEnd = count;
        _complete = complete;
        _encoding = bom ? FileEncoding.LenientUtf8 : FileEncoding.Unknown;
        return _bytes.AsSpan(_contentStart, count - _contentStart);
    }

    /// <summary>
    /// Fills <see cref="_matched"/> with byte offsets into <paramref name="content"/> (as <see cref="CandidateMatches"/>
    /// does with char offsets): true when something matched, false when not, null when a candidate line is not ASCII
    /// and the file's encoding cannot be known yet (only when the file is not complete).
    /// </summary>
    private bool? FindBytes(ReadOnlySpan<byte> content)
    {
        _matched.Clear();
        var literals = _query.Literals!;
        LiteralSet.Reset(_literalCursor);
        var position = 0;
        var line = 0;
        var counted = 0;
        while (position < content.Length)
        {
            var index = literals.Next(content, position, _literalCursor);
            if (index < 0)
                break;
            var start = position + content[position..index].LastIndexOf((byte)'\n') + 1;
            var end = content[index..].IndexOf((byte)'\n') is var e and >= 0 ? index + e : content.Length;
            if (_query.ContextLines is not null)
            {
                line += Newlines.Count(content[counted..start]);
                counted = start;
            }

            bool matches;
            if (_query.LiteralOnly)
            {
                matches = true;
            }
            else
            {
                if (!TryDecodeLine(content[start..end], out var length))
                    return null;
                matches = _lineRegex.IsMatch(_chars.AsSpan(0, length));
            }

            if (matches)
            {
                _matched.Add((line, start, end));
                if (_query.FirstOnly)
                    break;
            }

            position = end + 1;
        }

        return _matched.Count > 0;
    }

    /// <summary>
    /// Decodes one line of the current file into <see cref="_chars"/> as the whole file would decode; false when the line
    /// is valid UTF-8 but not ASCII and the rest of the file, which decides between UTF-8 and Latin-1, is not read yet.
    /// </summary>
    private bool TryDecodeLine(ReadOnlySpan<byte> line, out int length)
    {
        Ensure(ref _chars, line.Length);
        switch (_encoding)
        {
            case FileEncoding.Latin1:
                length = Latin1.GetChars(line, _chars);
                return true;
            case FileEncoding.LenientUtf8:
                length = LenientUtf8.GetChars(line, _chars);
                return true;
        }

        if (Utf8.ToUtf16(line, _chars, out _, out length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            // A line that is not UTF-8 makes the whole file not UTF-8.
            _encoding = FileEncoding.Latin1;
            length = Latin1.GetChars(line, _chars);
            return true;
        }

        // As many chars as bytes: ASCII, the same text in either encoding.
        if (length == line.Length || _encoding == FileEncoding.Utf8)
            return true;
        if (!_complete)
            return false;
        _encoding = Utf8.IsValid(_bytes.AsSpan(_contentStart, _contentEnd - _contentStart)) ? FileEncoding.Utf8 : FileEncoding.Latin1;
        if (_encoding == FileEncoding.Latin1)
            length = Latin1.GetChars(line, _chars);
        return true;
    }
}
