using System.Globalization;
using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// Terminal column widths (as wcwidth): East Asian wide and fullwidth characters and emoji take two columns, combining
/// marks and format characters none. ANSI escape sequences (CSI … final byte, OSC … ST) take none.
/// </summary>
internal static class TextWidth
{
    /// <summary>The columns <paramref name="rune"/> occupies.</summary>
    public static int Of(Rune rune)
    {
        var value = rune.Value;
        if (value == 0)
            return 0;
        if (value < 32 || value is >= 0x7F and < 0xA0)
            return 0;
        if (value == 0x200D || value is >= 0xFE00 and <= 0xFE0F)
            return 0; // zero-width joiner, variation selectors
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            return 0;
        return IsWide(value) ? 2 : 1;
    }

    /// <summary>The columns <paramref name="text"/> occupies on one line, escape sequences excluded.</summary>
    public static int Of(string text)
    {
        var width = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\x1b')
            {
                i = SkipEscape(text, i);
                continue;
            }

            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            width += Of(rune);
            i += Math.Max(consumed, 1);
        }

        return width;
    }

    /// <summary>The index just past the escape sequence that starts at <paramref name="start"/>.</summary>
    public static int SkipEscape(string text, int start)
    {
        var i = start + 1;
        if (i < text.Length && text[i] == '[')
        {
            i++;
            while (i < text.Length && text[i] is >= (char)0x30 and <= (char)0x3F)
                i++;
            while (i < text.Length && text[i] is >= (char)0x20 and <= (char)0x2F)
                i++;
            return Math.Min(i + 1, text.Length);
        }

        if (i < text.Length && text[i] == ']')
        {
            // OSC (hyperlinks): up to BEL or ST (ESC \).
            while (++i < text.Length)
            {
                if (text[i] == '\a')
                    return i + 1;
                if (text[i] == '\x1b')
                    return Math.Min(i + 2, text.Length);
            }

            return text.Length;
        }

        return Math.Min(i + 1, text.Length);
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F // Hangul Jamo
        or 0x2329 or 0x232A
        or >= 0x231A and <= 0x231B
        or >= 0x23E9 and <= 0x23EC
        or 0x23F0 or 0x23F3
        or >= 0x25FD and <= 0x25FE
        or >= 0x2614 and <= 0x2615
        or >= 0x2648 and <= 0x2653
        or 0x267F or 0x2693 or 0x26A1
        or >= 0x26AA and <= 0x26AB
        or >= 0x26BD and <= 0x26BE
        or >= 0x26C4 and <= 0x26C5
        or 0x26CE or 0x26D4 or 0x26EA
        or >= 0x26F2 and <= 0x26F3
        or 0x26F5 or 0x26FA or 0x26FD or 0x2705
        or >= 0x270A and <= 0x270B
        or 0x2728 or 0x274C or 0x274E
        or >= 0x2753 and <= 0x2755
        or 0x2757
        or >= 0x2795 and <= 0x2797
        or 0x27B0 or 0x27BF
        or >= 0x2B1B and <= 0x2B1C
        or 0x2B50 or 0x2B55
        or >= 0x2E80 and <= 0x303E // CJK radicals, punctuation
        or >= 0x3041 and <= 0x33FF // kana, CJK symbols
        or >= 0x3400 and <= 0x4DBF // CJK extension A
        or >= 0x4E00 and <= 0x9FFF // CJK unified ideographs
        or >= 0xA000 and <= 0xA4CF // Yi
        or >= 0xA960 and <= 0xA97F
        or >= 0xAC00 and <= 0xD7A3 // Hangul syllables
        or >= 0xF900 and <= 0xFAFF // CJK compatibility ideographs
        or >= 0xFE10 and <= 0xFE19
        or >= 0xFE30 and <= 0xFE6F
        or >= 0xFF00 and <= 0xFF60 // fullwidth forms
        or >= 0xFFE0 and <= 0xFFE6
        or >= 0x16FE0 and <= 0x18CFF // Tangut etc.
        or >= 0x1B000 and <= 0x1B2FF // kana supplement
        or 0x1F004 or 0x1F0CF or 0x1F18E
        or >= 0x1F191 and <= 0x1F19A
        or >= 0x1F200 and <= 0x1F251
        or >= 0x1F300 and <= 0x1F64F // pictographs, emoticons
        or >= 0x1F680 and <= 0x1F6FF // transport
        or >= 0x1F7E0 and <= 0x1F7EB
        or >= 0x1F90C and <= 0x1F9FF // supplemental symbols
        or >= 0x1FA70 and <= 0x1FAFF
        or >= 0x20000 and <= 0x3FFFD; // CJK extensions B…
}
