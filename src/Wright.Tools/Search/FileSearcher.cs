using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Wright.Tools.Files;

namespace Wright.Tools.Search;

/// <summary>
/// Searches one file at a time for <see cref="GrepTool"/>, reusing its read and decode buffers (one searcher per
/// thread). Files are decoded like <c>TextFile.Decode</c> (BOMs, strict UTF-8, else Latin-1) and matched line by
/// line with ripgrep's semantics; when the pattern allows it, the whole text is scanned once and only candidate
/// lines are looked at, which is what makes a search over a large tree fast.
/// </summary>
internal sealed partial class FileSearcher : IDisposable
{
    private const int BinaryProbeBytes = 8192;
    private const int EarlyExitBytes = 64 * 1024;
    private const int StreamBytes = 256 * 1024;
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly GrepQuery _query;
    private readonly Regex _lineRegex;
    private readonly List<(int Line, int Start, int End)> _matched = [];
    private readonly StringBuilder _block = new();
    private readonly int[] _literalCursor;
    private byte[] _bytes = [];
    private char[] _chars = [];

    /// <summary>Creates a searcher for one query (one per thread).</summary>
    public FileSearcher(GrepQuery query)
    {
        _query = query;
        // A Regex lends its one cached runner to one match at a time: threads sharing it would build a new runner for
        // almost every line they check. One instance per searcher (one per thread) keeps its runner.
        _lineRegex = new Regex(query.LineRegex.ToString(), query.LineRegex.Options, query.LineRegex.MatchTimeout);
        _literalCursor = query.Literals?.NewCursor() ?? [];
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
    /// Reads and searches a file: null for binary or unreadable files and files without a match. In files mode a large
    /// file whose first 64 KB already match is not read further (as ripgrep -l).
    /// </summary>
    public FileMatches? Search(DirectoryHandle folder, string name, string path)
    {
        using var source = FileSource.Open(folder, name);
        return source is null ? null : Search(source, path);
    }

    /// <summary>Searches an open file (see <see cref="Search(DirectoryHandle, string, string)"/>).</summary>
    public FileMatches? Search(FileSource source, string path)
    {
        var count = ReadFully(source, 0, BinaryProbeBytes);
        if (count < 0)
            return null;
        // A NUL byte in the first 8 KB means binary, and the rest is not read; except
        // after a UTF-16 BOM, where NULs are half of every ASCII character (ripgrep transcodes those files too).
        var wide = _bytes.AsSpan(0, count) is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
        if (!wide && _bytes.AsSpan(0, count).Contains((byte)0))
            return null;
        var bytes = !wide && _query.SearchesBytes;
        var end = count < BinaryProbeBytes;
        if (!end && _query.FirstOnly && !_query.Multiline)
        {
            var more = ReadFully(source, count, EarlyExitBytes - count);
            if (more < 0)
                return null;
            count += more;
            end = count < EarlyExitBytes;
            if (!end && (bytes ? EarlyByteMatch(count) : EarlyMatch(count)))
                return new FileMatches(1, null, 0);
        }

        if (bytes && !end && source.Length > StreamBytes)
        {
            // A large file is first scanned for a literal through a fixed buffer, as ripgrep reads: most hold none,
            // and reading each whole would touch as much fresh memory as the largest file, page by page.
            count = ScanAhead(source, count, out end);
            if (count <= 0)
                return null;
        }

        if (!end && (count = ReadToEnd(source, count)) < 0)
            return null;
        if (bytes)
            return SearchBytes(count, path);
        // Required ASCII literals are found in the raw bytes as well (see LiteralSet): a file without one is not decoded.
        if (!wide && _query.Literals is { SearchesBytes: true } literals)
        {
            LiteralSet.Reset(_literalCursor);
            if (literals.Next(_bytes.AsSpan(0, count), 0, _literalCursor) < 0)
                return null;
        }

        var length = Decode(_bytes.AsSpan(0, count));
        var text = _chars.AsSpan(0, length);
        if (!Find(text))
            return null;
        return _query.ContextLines is { } context ? new FileMatches(_matched.Count, Render(text, path, context, out var lines), lines) : new FileMatches(_matched.Count, null, 0);
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (_bytes.Length > 0)
            ArrayPool<byte>.Shared.Return(_bytes);
        if (_chars.Length > 0)
            ArrayPool<char>.Shared.Return(_chars);
        _bytes = [];
        _chars = [];
    }

    /// <summary>
    /// Searches the complete lines at the start of the file. With a UTF-8 BOM the file decodes as lenient UTF-8, of
    /// which the start is a prefix, so any match there is a match of the file. Without a BOM the encoding depends on
    /// the whole file (strict UTF-8, else Latin-1), but lines are matched one at a time and a line of ASCII decodes the
    /// same either way, so a matching ASCII line is a match of the file. Anything else is left to the full search.
    /// </summary>
    private bool EarlyMatch(int count)
    {
        var head = _bytes.AsSpan(0, count);
        var end = head.LastIndexOf((byte)'\n');
        if (end < 0 || head is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
            return false;
        var bom = head is [0xEF, 0xBB, 0xBF, ..];
        Ensure(ref _chars, end);
        var written = LenientUtf8.GetChars(head[(bom ? 3 : 0)..end], _chars);
        var text = _chars.AsSpan(0, written);
        if (!Find(text))
            return false;
        var (_, start, stop) = _matched[0];
        return bom || Ascii.IsValid(text[start..stop]);
    }

    /// <summary>
    /// Reads on through <see cref="StreamBytes"/> at a time, keeping only the bytes a literal could straddle, until a
    /// literal shows up or the file ends. The file's start, <paramref name="count"/> bytes, is in the buffer; so it is
    /// again when a literal is found (read anew if it was dropped, then <paramref name="end"/> says whether all of the
    /// file is in). 0 when no literal occurs, -1 on failure, else the bytes in the buffer.
    /// </summary>
    private int ScanAhead(FileSource source, int count, out bool end)
    {
        end = false;
        var literals = _query.Literals!;
        LiteralSet.Reset(_literalCursor);
        if (literals.Next(_bytes.AsSpan(0, count), 0, _literalCursor) >= 0)
            return count;
        Ensure(ref _bytes, StreamBytes, count);
        var keep = literals.MaxLength - 1;
        while (true)
        {
            var carry = Math.Min(keep, count);
            _bytes.AsSpan(count - carry, carry).CopyTo(_bytes);
            var read = ReadFully(source, carry, StreamBytes - carry);
            if (read <= 0)
                return read;
            count = carry + read;
            LiteralSet.Reset(_literalCursor);
            if (literals.Next(_bytes.AsSpan(0, count), 0, _literalCursor) >= 0)
                break;
        }

        // Read the whole file again from its start (the part read so far may have changed; what is read now is searched).
        end = true;
        count = 0;
        Ensure(ref _bytes, (int)Math.Min(Array.MaxLength, source.Length + 1));
        while (true)
        {
            if (count == _bytes.Length)
            {
                if (_bytes.Length >= Array.MaxLength)
                    return -1;
                Ensure(ref _bytes, (int)Math.Min(Array.MaxLength, _bytes.Length * 2L), count);
            }

            var read = source.ReadAt(_bytes.AsSpan(count), count);
            if (read < 0)
                return -1;
            if (read == 0)
                return count == 0 ? -1 : count;
            count += read;
        }
    }

    /// <summary>Reads until <paramref name="wanted"/> bytes are in (or the end) at <paramref name="offset"/>; -1 on failure.</summary>
    private int ReadFully(FileSource source, int offset, int wanted)
    {
        Ensure(ref _bytes, offset + wanted, offset);
        var total = 0;
        while (total < wanted)
        {
            var read = source.Read(_bytes.AsSpan(offset + total, wanted - total));
            if (read < 0)
                return -1;
            if (read == 0)
                break;
            total += read;
        }

        return total;
    }

    /// <summary>Reads the rest of the file after <paramref name="count"/> bytes, growing the buffer; the total, or -1.</summary>
    private int ReadToEnd(FileSource source, int count)
    {
        // Room for the whole file at once (and the read that sees its end): growing by doubling would copy it and
        // touch fresh memory at every step, which costs a new process more page faults than the reading itself.
        if (source.Length < Array.MaxLength)
            Ensure(ref _bytes, (int)source.Length + 1, count);
        while (true)
        {
            if (count == _bytes.Length)
            {
                if (_bytes.Length >= Array.MaxLength)
                    return -1;
                Ensure(ref _bytes, (int)Math.Min(Array.MaxLength, _bytes.Length * 2L), count);
            }

            var read = source.Read(_bytes.AsSpan(count));
            if (read < 0)
                return -1;
            if (read == 0)
                return count;
            count += read;
        }
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

    /// <summary>Makes the buffer at least <paramref name="length"/> long, keeping its first <paramref name="keep"/> items.</summary>
    private static void Ensure<T>(ref T[] buffer, int length, int keep = 0)
    {
        if (buffer.Length >= length)
            return;
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(length, 64 * 1024));
        buffer.AsSpan(0, keep).CopyTo(bigger);
        if (buffer.Length > 0)
            ArrayPool<T>.Shared.Return(buffer);
        buffer = bigger;
    }
}
