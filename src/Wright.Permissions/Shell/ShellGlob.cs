using System.Text;
using System.Text.RegularExpressions;

namespace Wright.Permissions.Shell;

/// <summary>
/// Expands a pathname pattern the way bash would (<c>*</c>, <c>?</c>, <c>[…]</c> per component; a leading dot only
/// matched explicitly), so the classifier sees what <c>cat */.env</c> or <c>grep KEY .env*</c> will read. Reads only
/// directory listings, never file contents, and stops after a bounded number of entries.
/// </summary>
public static class ShellGlob
{
    /// <summary>Most paths returned.</summary>
    public const int MaxMatches = 256;

    private const int MaxDirectories = 256;

    /// <summary>Whether the word holds a glob character.</summary>
    public static bool HasGlob(string word) => word.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>The existing paths an absolute pattern matches (bounded).</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { "/" };
        var visited = 0;
        foreach (var part in parts)
        {
            var next = new List<string>();
            if (!HasGlob(part))
            {
                next.AddRange(current.Select(c => Path.Join(c, part)));
            }
            else
            {
                Regex regex;
                try
                {
                    regex = ToRegex(part);
                }
                catch (ArgumentException)
                {
                    regex = new Regex("^(?!\\.)", RegexOptions.None, TimeSpan.FromSeconds(1)); // not understood: any name
                }

                foreach (var dir in current)
                {
                    if (++visited > MaxDirectories || next.Count >= MaxMatches)
                        break;
                    try
                    {
                        if (!Directory.Exists(dir))
                            continue;
                        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
                        {
                            var name = Path.GetFileName(entry);
                            if (regex.IsMatch(name))
                                next.Add(entry);
                            if (next.Count >= MaxMatches)
                                break;
                        }
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                    }
                }
            }

            current = next;
            if (current.Count == 0)
                break;
        }

        return [.. current.Where(p => File.Exists(p) || Directory.Exists(p)).Take(MaxMatches)];
    }

    private static Regex ToRegex(string part)
    {
        var regex = new StringBuilder("^");
        if (part[0] != '.')
            regex.Append("(?!\\.)");
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            switch (c)
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    var close = part.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        regex.Append("\\[");
                        break;
                    }

                    var body = part[(i + 1)..close];
                    if (body.StartsWith('!'))
                        body = "^" + body[1..];
                    regex.Append('[').Append(body.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
