using System.Net;

namespace Wright.Sandbox.Network;

/// <summary>
/// The domains sandboxed commands may reach through the egress proxy: exact names (<c>registry.npmjs.org</c>) or
/// <c>*.</c> suffixes (<c>*.pypi.org</c> matches <c>files.pypi.org</c>, not <c>pypi.org</c> itself). Host names are
/// checked for syntax first: IP literals in any spelling, control or non-ASCII characters and malformed labels are
/// refused, so only names the user listed can be resolved.
/// </summary>
public sealed class NetworkAllowlist
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _suffixes = [];

    /// <summary>Parses the patterns; throws <see cref="FormatException"/> for one that is not a host name or <c>*.</c>suffix.</summary>
    public NetworkAllowlist(IEnumerable<string> patterns)
    {
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim().ToLowerInvariant();
            var wildcard = pattern.StartsWith("*.", StringComparison.Ordinal);
            var name = wildcard ? pattern[2..] : pattern;
            if (HostRefusal(name) is { } why)
                throw new FormatException($"sandbox.network.allow: '{raw}' is not a domain or *.domain ({why})");
            if (wildcard)
                _suffixes.Add("." + name);
            else
                _exact.Add(name);
        }
    }

    /// <summary>Whether nothing is allowed (the sandbox then has no network at all).</summary>
    public bool IsEmpty => _exact.Count == 0 && _suffixes.Count == 0;

    /// <summary>Returns why the host may not be reached, or null when it is allowlisted.</summary>
    public string? Refusal(string host)
    {
        if (HostRefusal(host) is { } why)
            return why;
        var name = Normalize(host);
        if (_exact.Contains(name) || _suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
            return null;
        return $"{name} is not in sandbox.network.allow";
    }

    /// <summary>Returns why a host name is malformed (IP literal, control characters, bad labels), or null.</summary>
    public static string? HostRefusal(string host)
    {
        if (host.Length == 0 || host.Length > 253)
            return "an empty or overlong host name";
        if (host.Any(c => c < 0x21 || c > 0x7E))
            return "control, space or non-ASCII characters in the host name";
        var name = Normalize(host);
        if (name.StartsWith('[') || IPAddress.TryParse(name, out _))
            return "an IP address instead of a domain name";
        var labels = name.Split('.');
        if (labels.Length < 2)
            return "a host name without a domain";
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                return "a malformed host name";
        }

        // A numeric last label ("127.1", "0x7f.1") is an address in disguise for some resolvers.
        return labels[^1].All(char.IsAsciiDigit) || labels[^1].StartsWith("0x", StringComparison.Ordinal) ? "an IP address instead of a domain name" : null;
    }

    private static string Normalize(string host) => host.ToLowerInvariant().TrimEnd('.');
}
