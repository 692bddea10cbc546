using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Wright.Tools.Search;

/// <summary>
/// Finds an ASCII literal in bytes ignoring ASCII case: the BCL has no case-insensitive search over bytes (its
/// <c>SearchValues&lt;string&gt;</c> takes chars only), and decoding a whole file to UTF-16 to use it doubles the bytes
/// scanned. Vectorised like the BCL's own byte search (memchr's "packed pair"): the first and last bytes of the literal
/// are compared 16 positions at a time, letters folded to lower case by setting bit 0x20 (which maps only 'A'–'Z'
/// onto 'a'–'z'), and only positions where both agree are compared in full.
/// </summary>
internal sealed class CaselessBytes
{
    private const byte Fold = 0x20;
    private readonly byte[] _lower;
    private readonly byte[] _mask;

    /// <summary>Prepares the search for an ASCII literal (at least one byte).</summary>
    public CaselessBytes(string literal)
    {
        _lower = [.. literal.Select(c => (byte)char.ToLowerInvariant(c))];
        _mask = [.. literal.Select(c => char.IsAsciiLetter(c) ? Fold : (byte)0)];
    }

    /// <summary>The first index of the literal in <paramref name="haystack"/>, ignoring ASCII case, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> haystack)
    {
        var length = _lower.Length;
        var last = length - 1;
        var lastStart = haystack.Length - length;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && lastStart + 1 >= Vector128<byte>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(haystack);
            var first = Vector128.Create(_lower[0]);
            var firstMask = Vector128.Create(_mask[0]);
            var final = Vector128.Create(_lower[last]);
            var finalMask = Vector128.Create(_mask[last]);
            for (; i <= lastStart + 1 - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var heads = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i) | firstMask, first);
                var tails = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)(i + last)) | finalMask, final);
                var bits = (heads & tails).ExtractMostSignificantBits();
                while (bits != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(bits);
                    if (EqualsAt(haystack, at))
                        return at;
                    bits &= bits - 1;
                }
            }
        }

        for (; i <= lastStart; i++)
        {
            if (EqualsAt(haystack, i))
                return i;
        }

        return -1;
    }

    private bool EqualsAt(ReadOnlySpan<byte> haystack, int at)
    {
        var window = haystack.Slice(at, _lower.Length);
        for (var k = 0; k < window.Length; k++)
        {
            if ((window[k] | _mask[k]) != _lower[k])
                return false;
        }

        return true;
    }
}
