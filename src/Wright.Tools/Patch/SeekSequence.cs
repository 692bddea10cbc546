using System.Text;

namespace Wright.Tools.Patch;

/// <summary>
/// Finds a run of lines like Codex's seek_sequence: exact, then ignoring trailing whitespace, then ignoring leading and
/// trailing whitespace, then with Unicode punctuation normalised (dashes, quotes, special spaces).
/// </summary>
public static class SeekSequence
{
    /// <summary>The index where <paramref name="pattern"/> starts at or after <paramref name="start"/>, or -1.</summary>
    public static int Find(IReadOnlyList<string> lines, IReadOnlyList<string> pattern, int start, bool endOfFile)
    {
        if (pattern.Count == 0)
            return start;
        if (pattern.Count > lines.Count)
            return -1;
        var from = endOfFile ? lines.Count - pattern.Count : start;
        foreach (var normalize in new Func<string, string>[] { s => s, s => s.TrimEnd(), s => s.Trim(), s => Punctuation(s.Trim()) })
        {
            for (var i = Math.Max(0, from); i <= lines.Count - pattern.Count; i++)
            {
                var match = true;
                for (var k = 0; k < pattern.Count && match; k++)
                    match = normalize(lines[i + k]) == normalize(pattern[k]);
                if (match)
                    return i;
            }
        }

        return -1;
    }

    /// <summary>Maps typographic punctuation to ASCII.</summary>
    public static string Punctuation(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
                '\u2018' or '\u2019' or '\u201A' or '\u201B' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' => '"',
                '\u00A0' or '\u2002' or '\u2003' or '\u2004' or '\u2005' or '\u2006' or '\u2007' or '\u2008' or '\u2009' or '\u200A' or '\u202F' or '\u205F' or '\u3000' => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
