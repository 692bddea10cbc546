using System.Globalization;
using System.Text;

namespace Wright.Permissions.Shell;

/// <summary>Makes hidden characters and padding visible in what an approval shows.</summary>
public static class InvisibleText
{
    /// <summary>Whether the text holds control, format (zero-width, bidi) or other invisible characters.</summary>
    public static bool Contains(string text) => text.EnumerateRunes().Any(r => r.Value != '\n' && r.Value != '\t' && IsInvisible(r));

    /// <summary>
    /// Replaces every invisible character with <c>⟨U+XXXX⟩</c>, tabs with <c>⟨tab⟩</c>, and runs of more than three
    /// spaces with <c>⟨N spaces⟩</c>, so nothing can hide in an approval prompt.
    /// </summary>
    public static string MakeVisible(string text)
    {
        var result = new StringBuilder();
        var spaces = 0;
        void Flush()
        {
            if (spaces > 3)
                result.Append('⟨').Append(spaces).Append(" spaces⟩");
            else
                result.Append(' ', spaces);
            spaces = 0;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == ' ')
            {
                spaces++;
                continue;
            }

            Flush();
            if (rune.Value == '\t')
                result.Append("⟨tab⟩");
            else if (rune.Value == '\n')
                result.Append('\n');
            else if (IsInvisible(rune))
                result.Append(CultureInfo.InvariantCulture, $"⟨U+{rune.Value:X4}⟩");
            else
                result.Append(rune.ToString());
        }

        Flush();
        return result.ToString();
    }

    private static bool IsInvisible(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            || rune.Value is 0x00A0 or 0x115F or 0x1160 or 0x3164 or 0xFFA0 or (>= 0x2000 and <= 0x200A) or 0x202F or 0x205F or 0x3000;
    }
}
