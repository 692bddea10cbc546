using System.Text;
using System.Text.RegularExpressions;

namespace Wright.Permissions.Rules;

/// <summary>Glob matching for rules: <c>**</c> crosses directories, <c>*</c> and <c>?</c> do not; for commands, <c>*</c> matches anything.</summary>
public static class Glob
{
    /// <summary>Matches a path glob against a path.</summary>
    public static bool MatchPath(string pattern, string path) => Regex.IsMatch(path, PathRegex(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Matches a command pattern against a normalised simple command.</summary>
    public static bool MatchCommand(string pattern, string command)
    {
        var regex = new StringBuilder("^");
        var body = pattern;
        var optionalTail = body.EndsWith(" *", StringComparison.Ordinal);
        if (optionalTail)
            body = body[..^2];
        foreach (var c in body)
            regex.Append(c == '*' ? ".*" : Regex.Escape(c.ToString()));
        if (optionalTail)
            regex.Append("( .*)?");
        regex.Append('$');
        return Regex.IsMatch(command, regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string PathRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        // A directory pattern also covers what is below it.
        regex.Append("(/.*)?$");
        return regex.ToString();
    }
}
