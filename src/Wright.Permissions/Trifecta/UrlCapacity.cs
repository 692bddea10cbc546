using System.Text.RegularExpressions;

namespace Wright.Permissions.Trifecta;

/// <summary>
/// Whether a URL can carry data out, judged on the whole URL as it is sent (the fragment is not): user info, a query,
/// a non-standard port, an IP literal, subdomain labels beyond one or two short plain ones, and a path that is long,
/// deep, percent-encoded or holds a token that looks like encoded data (base64, hex, key-like mixes of letters and
/// digits). A URL that passes is a plain documentation-style address; its remaining capacity (a choice among
/// ordinary words) is small, and once the session also holds a secret every request asks anyway.
/// </summary>
public static partial class UrlCapacity
{
    /// <summary>Longest path (decoded) that counts as plain.</summary>
    public const int MaxPlainPath = 100;

    /// <summary>Most path segments that count as plain.</summary>
    public const int MaxPlainSegments = 10;

    /// <summary>Why <paramref name="url"/> can carry data, or null for a plain address.</summary>
    public static string? DataIn(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return "a URL that cannot be parsed";
        if (uri.Scheme is not ("http" or "https"))
            return $"a {uri.Scheme}: URL";
        if (uri.UserInfo.Length > 0)
            return "user info in the URL";
        if (uri.Query.Length > 1)
            return "a query string";
        if (!uri.IsDefaultPort)
            return "a non-standard port";
        if (uri.HostNameType is not UriHostNameType.Dns)
            return "an IP address instead of a host name";
        if (HostData(uri.IdnHost) is { } host)
            return host;
        var raw = RawPath(url) ?? uri.AbsolutePath; // Uri decodes %41 to A: count escapes as they were written
        if (raw.Count(c => c == '%') > 3)
            return "percent-encoded bytes in the path";
        var path = Uri.UnescapeDataString(raw);
        if (path.Length > MaxPlainPath)
            return $"a path longer than {MaxPlainPath} characters";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > MaxPlainSegments)
            return $"more than {MaxPlainSegments} path segments";
        return segments.SelectMany(s => Separators().Split(s)).Any(LooksLikeData) ? "a path segment that looks like encoded data" : null;
    }

    private static string? RawPath(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
            return null;
        var start = url.IndexOf('/', scheme + 3);
        if (start < 0)
            return "/";
        var end = url.IndexOfAny(['?', '#'], start);
        return end < 0 ? url[start..] : url[start..end];
    }

    private static string? HostData(string host)
    {
        var labels = host.TrimEnd('.').ToLowerInvariant().Split('.');
        // The registrable part: the last two labels, three under a short second-level suffix (co.uk, com.au).
        var registrable = labels.Length >= 3 && labels[^1].Length == 2 && labels[^2].Length <= 3 ? 3 : 2;
        var sub = labels.Take(Math.Max(0, labels.Length - registrable)).ToList();
        if (sub.Count > 2)
            return "more than two subdomain labels";
        if (sub.Any(l => l.Length > 15 || LooksLikeData(l)))
            return "a subdomain label that can carry data";
        return null;
    }

    /// <summary>Whether a token looks like encoded data rather than a word, a version or a slug.</summary>
    private static bool LooksLikeData(string token)
    {
        if (token.Length >= 24)
            return true;
        var digits = token.Count(char.IsAsciiDigit);
        var letters = token.Count(char.IsAsciiLetter);
        if (token.Length >= 12 && digits >= 2 && letters >= 2)
            return true;
        if (token.Length >= 12 && token.All(char.IsAsciiHexDigit))
            return true;
        return token.Length >= 12 && token.Any(char.IsAsciiLetterUpper) && token.Skip(1).Any(char.IsAsciiLetterLower) && (digits > 0 || token.Any(c => c is '+' or '='))
            && token.Count(char.IsAsciiLetterUpper) >= 3;
    }

    [GeneratedRegex(@"[-_.~,;:!@$&*()']+")]
    private static partial Regex Separators();
}
