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
    private readonly byte[][]? _bytes;
    private readonly CaselessBytes[]? _caseless;
    private readonly string[] _literals;

    /// <summary>Prepares the searches.</summary>
    public LiteralSet(IReadOnlyCollection<string> literals, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        _literals = [.. literals];
        if (literals.Count > MaxSeparate)
        {
            _all = SearchValues.Create([.. literals], comparison);
            _each = [];
            return;
        }

        _each = [.. literals.Select(l => SearchValues.Create([l], comparison))];
        // ASCII has the same bytes in UTF-8 and Latin-1, and no other character's bytes hold an ASCII byte; with
        // ignore-case the literals hold no letter that a non-ASCII character matches (RequiredLiterals leaves out k,
        // which the regex also matches as the Kelvin sign).
        if (literals.All(l => System.Text.Ascii.IsValid(l)))
        {
            if (ignoreCase)
                _caseless = [.. literals.Select(l => new CaselessBytes(l))];
            else
                _bytes = [.. literals.Select(l => System.Text.Encoding.ASCII.GetBytes(l))];
        }
    }

    /// <summary>
    /// Whether the literals can be searched in the raw bytes of a file that is not UTF-16 (<see cref="Next(ReadOnlySpan{byte}, int, int[])"/>):
    /// ASCII literals, few enough to be searched one by one.
    /// </summary>
    public bool SearchesBytes => _bytes is not null || _caseless is not null;

    /// <summary>The length of the longest literal.</summary>
    public int MaxLength => _literals.Max(l => l.Length);

    /// <summary>Whether the set is this one literal alone.</summary>
    public bool IsExactly(string literal) => _literals is [var only] && only == literal;

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

    /// <summary>
    /// As <see cref="Next(ReadOnlySpan{char}, int, int[])"/> over the raw bytes of a UTF-8 or Latin-1 text (only when
    /// <see cref="SearchesBytes"/>): ASCII positions there are the same characters after decoding.
    /// </summary>
    public int Next(ReadOnlySpan<byte> bytes, int position, int[] cursor)
    {
        var best = int.MaxValue;
        for (var i = 0; i < cursor.Length; i++)
        {
            if (cursor[i] < position)
            {
                var rest = bytes[position..];
                var at = _bytes is not null ? rest.IndexOf(_bytes[i]) : _caseless![i].IndexOf(rest);
                cursor[i] = at >= 0 ? position + at : int.MaxValue;
            }

            best = Math.Min(best, cursor[i]);
        }

        return best == int.MaxValue ? -1 : best;
    }
}
