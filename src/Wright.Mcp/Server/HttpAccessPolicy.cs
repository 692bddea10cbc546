using System.Net;
using System.Security.Cryptography;
using System.Text;
using Wright.Mcp.Server.Text;

namespace Wright.Mcp.Server;

/// <summary>
/// Who may talk to an HTTP host of Wright's (<see cref="McpHttpHost"/>, <c>wright serve</c>): first the DNS-rebinding guard on <c>Host</c> and <c>Origin</c> (403),
/// then the bearer token (401).
/// </summary>
/// <remarks>
/// A DNS-rebinding page is served from a name the attacker controls (<c>evil.example.com</c>) that later resolves to
/// this machine, so its requests carry that name in <c>Host</c> and, from a browser, in <c>Origin</c> as well.
/// <c>Host</c> must therefore be a name the server answers to: a loopback name when bound to loopback; otherwise an
/// IP literal (a browser's origin is then that address, which no attacker's page has), <c>localhost</c>, or a name
/// the operator allowed. <c>Origin</c>, when sent, must be a loopback origin or name the same host as <c>Host</c> —
/// never merely equal to a foreign <c>Host</c>, which is exactly what a rebinding page sends.
/// </remarks>
public sealed class HttpAccessPolicy(bool loopbackOnly, IReadOnlyCollection<string> allowedHosts, string token)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    /// <summary>Why <c>Host</c>/<c>Origin</c> are refused (403), or null when they are fine.</summary>
    public string? CheckOrigin(string? host, string? origin)
    {
        if (string.IsNullOrEmpty(host) || HostName(host) is not { } hostName)
            return ServerStrings.ForbiddenHost;
        if (!IsServedName(hostName))
            return ServerStrings.ForbiddenHost;
        if (string.IsNullOrEmpty(origin))
            return null;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri) || originUri.Scheme is not ("http" or "https"))
            return ServerStrings.ForbiddenOrigin;
        var originName = originUri.IdnHost.Trim('[', ']');
        return IsLoopbackName(originName) || string.Equals(originName, hostName, StringComparison.OrdinalIgnoreCase) ? null : ServerStrings.ForbiddenOrigin;
    }

    /// <summary>True when <c>Authorization</c> carries this server's bearer token (compared in constant time).</summary>
    public bool HasToken(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[7..].Trim()), _token);
    }

    /// <summary>True for localhost and loopback addresses (127.0.0.0/8, ::1), with or without IPv6 brackets.</summary>
    public static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private bool IsServedName(string name)
    {
        if (IsLoopbackName(name))
            return true;
        if (allowedHosts.Contains(name, StringComparer.OrdinalIgnoreCase))
            return true;
        return !loopbackOnly && IPAddress.TryParse(name, out _);
    }

    /// <summary>The host part of a <c>Host</c> header (<c>name</c>, <c>name:port</c>, <c>[v6]</c>, <c>[v6]:port</c>), or null when malformed.</summary>
    private static string? HostName(string header) =>
        Uri.TryCreate("http://" + header + "/", UriKind.Absolute, out var uri) && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.IdnHost.Trim('[', ']')
            : null;
}
