using System.Text;
using System.Text.RegularExpressions;

namespace Wright.Tools.Search;

/// <summary>
/// One gitignore pattern, compiled to a regex with git's semantics: <c>!</c> negates, a trailing <c>/</c> matches
/// directories only, a pattern with an inner <c>/</c> is anchored to its file's folder, otherwise it matches a name
/// at any depth; <c>**</c>, <c>*</c>, <c>?</c>, character classes and backslash escapes.
/// </summary>
public sealed class IgnoreRule
{
    private readonly Regex _regex;

    private IgnoreRule(Regex regex, bool negated, bool directoryOnly)
    {
        _regex = regex;
        Negated = negated;
        DirectoryOnly = directoryOnly;
    }

    /// <summary>Whether the rule re-includes.</summary>
    public bool Negated { get; }

    /// <summary>Whether it only matches directories.</summary>
    public bool DirectoryOnly { get; }

    /// <summary>Parses one line; null for blanks and comments.</summary>
    public static IgnoreRule? Parse(string line)
    {
        if (line.Length == 0 || line[0] == '#')
            return null;
        // Trailing spaces are ignored unless escaped.
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && (end < 2 || line[end - 2] != '\\'))
            end--;
        line = line[..end];
        var negated = false;
        if (line.StartsWith('!'))
        {
            negated = true;
            line = line[1..];
        }
        else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal))
        {
            line = line[1..];
        }

        var directoryOnly = line.EndsWith('/');
        if (directoryOnly)
            line = line.TrimEnd('/');
        if (line.Length == 0)
            return null;
        var anchored = line.Contains('/', StringComparison.Ordinal);
        if (line.StartsWith('/'))
            line = line[1..];
        var regex = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '*' && i + 1 < line.Length && line[i + 1] == '*')
            {
                var before = i == 0 || line[i - 1] == '/';
                var after = i + 2 >= line.Length || line[i + 2] == '/';
                if (before && after)
                {
                    if (i + 2 < line.Length)
                    {
                        regex.Append("(?:.*/)?");
                        i += 2;
                    }
                    else
                    {
                        regex.Append(".*");
                        i += 1;
                    }

                    continue;
                }

                regex.Append("[^/]*");
                i++;
                continue;
            }

            switch (c)
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '\\' when i + 1 < line.Length:
                    regex.Append(Regex.Escape(line[++i].ToString()));
                    break;
                case '[':
                    var close = line.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        regex.Append("\\[");
                        break;
                    }

                    var set = line[(i + 1)..close];
                    if (set.StartsWith('!'))
                        set = "^" + set[1..];
                    regex.Append('[').Append(set.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex.Append('$');
        return new IgnoreRule(new Regex(regex.ToString(), RegexOptions.CultureInvariant), negated, directoryOnly);
    }

    /// <summary>Whether the rule matches a path relative to its file's folder.</summary>
    public bool Matches(string relativePath, bool isDirectory) =>
        (!DirectoryOnly || isDirectory) && _regex.IsMatch(relativePath);
}
