using System.Text.RegularExpressions;

namespace Wright.Permissions.Secrets;

/// <summary>
/// Finds secret files in what a command printed, for searches and histories whose arguments do not name them:
/// <c>grep -r KEY .</c> prints <c>./svc/.env:KEY=…</c>, <c>git log -p</c> and <c>git diff</c> print
/// <c>diff --git a/.env b/.env</c>. Only the headers those formats print are read.
/// </summary>
public static partial class SecretOutput
{
    /// <summary>Most output lines looked at.</summary>
    public const int MaxLines = 50_000;

    /// <summary>The first secret file the output shows content of, or null.</summary>
    public static string? Find(string output)
    {
        if (string.IsNullOrEmpty(output))
            return null;
        var lines = 0;
        foreach (var line in output.AsSpan().EnumerateLines())
        {
            if (++lines > MaxLines)
                break;
            if (line.Length == 0)
                continue;
            var text = line.ToString();
            var diff = DiffHeader().Match(text);
            if (diff.Success && SecretFiles.IsSecret(diff.Groups["path"].Value))
                return diff.Groups["path"].Value;
            var grep = GrepPrefix().Match(text);
            if (grep.Success && grep.Groups["path"].Value.AsSpan().IndexOfAny("./") >= 0 && SecretFiles.IsSecret(grep.Groups["path"].Value))
                return grep.Groups["path"].Value;
        }

        return null;
    }

    [GeneratedRegex(@"^(?:diff --git a/(?<path>\S+)|\+\+\+ b/(?<path>\S+)|--- a/(?<path>\S+)|diff --cc (?<path>\S+)|Binary files a/(?<path>\S+))")]
    private static partial Regex DiffHeader();

    // grep/rg/git grep "path:line:" or "path:" prefixes (a path: with a dot or a slash, no blanks or colons).
    [GeneratedRegex(@"^(?:[A-Za-z0-9_.^~-]+:)?(?<path>[^\s:]*[^\s:/]):(?:\d+[:-])?")]
    private static partial Regex GrepPrefix();
}
