using System.Buffers;

namespace Wright.Tools.Search;

/// <summary>
/// The required literals of a pattern (<see cref="RequiredLiterals"/>) as searches. A few literals are searched one by
/// one, each with its own single-string search, remembering where each occurs next: in the NativeAOT binary the
/// multi-string search (Teddy) has no AVX2 to run on and is several times slower than three single searches.
/// </summary>
internal sealed class LiteralSet
{
    private const int MaxSeparate = 16;

    private readonly SearchValues<string>? _all;
    private readonly SearchValues<string>[] _each;
    private readonly byte[][]? _ascii;

    /// <summary>Prepares the searches.</summary>
    public LiteralSet(IReadOnlyCollection<string> literals, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!ignoreCase && literals.All(l => System.Text.Ascii.IsValid(l)))
            _ascii = [.. literals.Select(l => System.Text.Encoding.ASCII.GetBytes(l))];
        if (literals.Count > MaxSeparate)
        {
            _all = SearchValues.Create([.. literals], comparison);
            _each = [];
        }
        else
        {
            _each = [.. literals.Select(l => SearchValues.Create([l], comparison))];
        }
    }

    /// <summary>
    /// False when the raw bytes of a file that is not UTF-16 cannot hold a match: case-sensitive ASCII literals have
    /// the same bytes in UTF-8 and Latin-1, so a file without any of them is skipped before it is decoded (ripgrep
    /// searches bytes; decoding every file first would double the work on a tree of mostly non-matching files).
    /// </summary>
    public bool MayOccurIn(ReadOnlySpan<byte> bytes)
    {
        if (_ascii is null)
            return true;
        foreach (var literal in _ascii)
        {
            if (bytes.IndexOf(literal) >= 0)
                return true;
        }

        return false;
    }

    /// <summary>A per-thread cursor holding where each literal occurs next in the current text.</summary>
    public int[] NewCursor() => new int[_each.Length];

    /// <summary>Forgets the positions, for a new text.</summary>
    public static void Reset(int[] cursor) => cursor.AsSpan().Fill(-1);

    /// <summary>
    /// The first position at or after <paramref name="position"/> where a literal starts, or -1. Positions must not
    /// decrease between calls on the same text (after <see cref="Reset"/>).
    /// </summary>
    public int Next(ReadOnlySpan<char> text, int position, int[] cursor)
    {
        if (_all is not null)
            return text[position..].IndexOfAny(_all) is var found and >= 0 ? position + found : -1;
        var best = int.MaxValue;
        for (var i = 0; i < _each.Length; i++)
        {
            if (cursor[i] < position)
                cursor[i] = text[position..].IndexOfAny(_each[i]) is var at and >= 0 ? position + at : int.MaxValue;
            best = Math.Min(best, cursor[i]);
        }

        return best == int.MaxValue ? -1 : best;
    }
}
