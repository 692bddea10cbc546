using System.Text;

namespace Wright.Sessions.Rewind;

/// <summary>
/// Moves gitignore patterns between directories, so rules that the user's git applies to the workspace but the shadow
/// repository would not see (the user's <c>.git/info/exclude</c>, global excludes, <c>.gitignore</c> files above the
/// workspace, a nested repository's own <c>info/exclude</c>) can be written into the shadow's <c>info/exclude</c>.
/// </summary>
internal static class IgnoreRules
{
    /// <summary>
    /// Rewrites a pattern written for a directory D so it applies the same way below D/<paramref name="relative"/>
    /// (the workspace). Returns null for comments, blank lines and patterns that cannot match inside the workspace,
    /// including patterns that match the workspace itself or one of its ancestors (they are dropped: the workspace is
    /// the root of what is snapshotted).
    /// </summary>
    public static string? Rebase(string line, IReadOnlyList<string> relative)
    {
        if (Parse(line) is not var (body, negate, dirOnly))
            return null;
        if (!body.Contains('/', StringComparison.Ordinal) || relative.Count == 0)
            return Build(negate, body, dirOnly);
        var segments = body.TrimStart('/').Split('/');
        for (var i = 0; i < relative.Count; i++)
        {
            if (i >= segments.Length - 1)
                return null;
            if (segments[i] == "**")
                return Build(negate, "**/" + string.Join('/', segments[(i + 1)..]), dirOnly);
            if (!Glob(segments[i], relative[i]))
                return null;
        }

        return Build(negate, "/" + string.Join('/', segments[relative.Count..]), dirOnly);
    }

    /// <summary>Rewrites a pattern written for the directory <paramref name="prefix"/> (relative, '/'-separated) so it
    /// applies from the workspace root.</summary>
    public static string? Prefix(string line, string prefix)
    {
        if (Parse(line) is not var (body, negate, dirOnly) || Literal(prefix) is not { } anchor)
            return null;
        return body.Contains('/', StringComparison.Ordinal)
            ? Build(negate, anchor + "/" + body.TrimStart('/'), dirOnly)
            : Build(negate, anchor + "/**/" + body, dirOnly);
    }

    /// <summary>A pattern matching exactly one path from the root ("/a\*b"), or null for names gitignore cannot
    /// express (line breaks).</summary>
    public static string? Literal(string path)
    {
        if (path.Contains('\n', StringComparison.Ordinal) || path.Contains('\r', StringComparison.Ordinal))
            return null;
        var builder = new StringBuilder("/");
        foreach (var c in path)
        {
            if (c is '*' or '?' or '[' or '\\' or ' ')
                builder.Append('\\');
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static (string Body, bool Negate, bool DirOnly)? Parse(string line)
    {
        line = line.TrimEnd('\r');
        while (line.EndsWith(' ') && !line.EndsWith("\\ ", StringComparison.Ordinal))
            line = line[..^1];
        if (line.Length == 0 || line[0] == '#')
            return null;
        var negate = line[0] == '!';
        if (negate)
            line = line[1..];
        var dirOnly = line.EndsWith('/');
        if (dirOnly)
            line = line.TrimEnd('/');
        return line.Length == 0 ? null : (line, negate, dirOnly);
    }

    private static string Build(bool negate, string body, bool dirOnly) =>
        (negate ? "!" : "") + body + (dirOnly ? "/" : "");

    /// <summary>Matches one path segment against one pattern segment (*, ?, [...] with ! or ^, backslash escapes).</summary>
    public static bool Glob(string pattern, string name)
    {
        int p = 0, n = 0, starP = -1, starN = -1;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = ++p;
                starN = n;
                continue;
            }

            if (p < pattern.Length && MatchOne(pattern, ref p, name[n]))
            {
                n++;
                continue;
            }

            if (starP < 0)
                return false;
            p = starP;
            n = ++starN;
        }

        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    private static bool MatchOne(string pattern, ref int p, char c)
    {
        var start = p;
        switch (pattern[p])
        {
            case '?':
                p++;
                return true;
            case '\\' when p + 1 < pattern.Length:
                p += 2;
                if (pattern[p - 1] == c)
                    return true;
                p = start;
                return false;
            case '[':
                var close = p + 2 < pattern.Length ? pattern.IndexOf(']', p + 2) : -1;
                if (close < 0)
                    break;
                var set = pattern[(p + 1)..close];
                var negate = set[0] is '!' or '^';
                if (negate)
                    set = set[1..];
                var hit = false;
                for (var i = 0; i < set.Length; i++)
                {
                    if (i + 2 < set.Length && set[i + 1] == '-')
                    {
                        hit |= c >= set[i] && c <= set[i + 2];
                        i += 2;
                    }
                    else
                    {
                        hit |= set[i] == c;
                    }
                }

                if (hit != negate)
                {
                    p = close + 1;
                    return true;
                }

                return false;
        }

        if (pattern[p] != c)
            return false;
        p++;
        return true;
    }
}
