using System.Globalization;
using Wright.Tasks.Text;

namespace Wright.Tasks.Git;

/// <summary>
/// What a task's git remote may be. A URL reaches host git as an argument (clone, fetch, push), so it is checked
/// before git sees it: never an option (<c>--upload-pack=…</c>), never a transport that runs a program
/// (<c>ext::sh -c …</c>, <c>fd::</c>, any <c>&lt;helper&gt;::</c>), only the schemes git speaks itself
/// (<see cref="AllowedProtocols"/>, which <see cref="GitRunner"/> also gives git as <c>GIT_ALLOW_PROTOCOL</c> for every
/// command, so a URL that got past this check still could not start one), no control characters (git's credential
/// protocol is line-based), and no credentials: a node authenticates with its user's own git setup (a credential
/// helper, ssh keys), so no secret is ever in a task, an argument list, the database or a log.
/// </summary>
public static class RemoteUrl
{
    /// <summary>The transports host git may use (<c>GIT_ALLOW_PROTOCOL</c>): git's own, none that starts a helper program.</summary>
    public const string AllowedProtocols = "file:git:http:https:ssh";

    private static readonly string[] Schemes = ["https", "http", "ssh", "git", "file"];

    /// <summary>
    /// Whether <paramref name="repo"/> names a remote rather than a local path: a <c>scheme://</c> URL, a
    /// <c>transport::address</c> (refused by <see cref="Refusal"/>), scp-like <c>user@host:path</c>, or something that
    /// starts with <c>-</c> (refused too: git would read it as an option).
    /// </summary>
    public static bool IsUrl(string repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return repo.Contains("://", StringComparison.Ordinal) || TransportHelper(repo) is not null || repo.StartsWith('-') ||
            (repo.Contains('@', StringComparison.Ordinal) && repo.Contains(':', StringComparison.Ordinal) && !repo.StartsWith('/'));
    }

    /// <summary>Why <paramref name="url"/> is refused as a remote (a sentence for the person), or null when git may use it.</summary>
    public static string? Refusal(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length == 0 || url.Length > 4096 || url.Any(c => char.IsControl(c)))
            return Format(TaskStrings.RemoteControl, Redact(url));
        if (url.StartsWith('-'))
            return Format(TaskStrings.RemoteOption, Redact(url));
        if (TransportHelper(url) is { } helper)
            return Format(TaskStrings.RemoteTransport, Redact(url), helper);
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            // scp-like [user@]host:path: ssh, with the host where ssh would read an option if it began with '-'.
            var colon = url.IndexOf(':', StringComparison.Ordinal);
            var host = colon < 0 ? url : url[..colon];
            // user:password@host:path — git would read "user" as the host, but the password is in the task all the same.
            var firstAt = url.IndexOf('@', StringComparison.Ordinal);
            if (firstAt > colon && colon >= 0 && url.IndexOf(':', firstAt) > firstAt)
                return Format(TaskStrings.RemoteCredentials, Redact(url));
            host = host[(host.LastIndexOf('@') + 1)..];
            return host.Length == 0 || host.StartsWith('-') ? Format(TaskStrings.RemoteHost, Redact(url)) : null;
        }

        var scheme = url[..separator].ToLowerInvariant();
        if (!Schemes.Contains(scheme))
            return Format(TaskStrings.RemoteScheme, Redact(url));
        var rest = url[(separator + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? "" : authority[..at];
        var hostPart = authority[(at + 1)..];
        // A password (or a token as the user of an http URL) would be stored with the task and passed to git in argv.
        if (userInfo.Contains(':', StringComparison.Ordinal) || (userInfo.Length > 0 && scheme is "http" or "https" or "file"))
            return Format(TaskStrings.RemoteCredentials, Redact(url));
        // A query or fragment is where a token goes (?private_token=…); git appends its own path and query to an http
        // URL, so a URL with one never worked as a remote anyway.
        if (scheme != "file" && (rest.Contains('?', StringComparison.Ordinal) || rest.Contains('#', StringComparison.Ordinal)))
            return Format(TaskStrings.RemoteCredentials, Redact(url));
        if (scheme == "file")
            return hostPart.Length == 0 || hostPart.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? null : Format(TaskStrings.RemoteHost, Redact(url));
        return hostPart.Length == 0 || hostPart.StartsWith('-') ? Format(TaskStrings.RemoteHost, Redact(url)) : null;
    }

    /// <summary>The local path a <c>file://</c> URL names (percent-decoded), or null for any other remote.</summary>
    public static string? FilePath(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return null;
        var rest = url["file://".Length..];
        if (rest.StartsWith("localhost/", StringComparison.OrdinalIgnoreCase))
            rest = rest["localhost".Length..];
        return rest.StartsWith('/') ? Uri.UnescapeDataString(rest) : null;
    }

    /// <summary>
    /// The <c>file://</c> URL git reads as exactly <paramref name="path"/> (absolute): git percent-decodes a
    /// <c>file://</c> path, so every <c>%</c> of the path is written <c>%25</c> — a directory named <c>%2e%2e</c> stays
    /// that directory instead of becoming <c>..</c> when git reads the URL.
    /// </summary>
    public static string FileUrl(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
            throw new ArgumentException("not an absolute path: " + path, nameof(path));
        return "file://" + path.Replace("%", "%25", StringComparison.Ordinal);
    }

    /// <summary><paramref name="url"/> with what could be a credential (the user part of its authority) masked, for messages.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var clean = new string([.. url.Select(c => char.IsControl(c) ? '?' : c)]);
        var separator = clean.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            // scp-like user:password@host:path: the part before the '@' goes.
            var colon = clean.IndexOf(':', StringComparison.Ordinal);
            var firstAt = clean.IndexOf('@', StringComparison.Ordinal);
            return colon >= 0 && firstAt > colon ? "***" + clean[firstAt..] : clean;
        }

        if (!clean.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && clean.IndexOfAny(['?', '#'], separator) is var query and >= 0)
            clean = clean[..query] + "?***";
        var start = separator + 3;
        var slash = clean.IndexOf('/', start);
        var authority = slash < 0 ? clean[start..] : clean[start..slash];
        var at = authority.LastIndexOf('@');
        return at < 0 ? clean : clean[..start] + "***" + clean[(start + at)..];
    }

    /// <summary>The helper of a <c>transport::address</c> remote (git runs <c>git-remote-&lt;transport&gt;</c>), or null.</summary>
    private static string? TransportHelper(string url)
    {
        var marker = url.IndexOf("::", StringComparison.Ordinal);
        if (marker <= 0)
            return null;
        var name = url[..marker];
        // As git reads it: a scheme-like name right before "::" (an IPv6 literal such as ssh://[::1]/ is not one).
        return char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? name : null;
    }

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
