using ModelContextProtocol.Authentication;

namespace Wright.Mcp;

/// <summary>
/// Signs a person in to a remote MCP server's authorization server: shows them the authorization URL (a browser, or
/// the URL printed) and returns what came back to <see cref="RedirectUri"/>. Hosts without a person pass none, and a
/// server that needs a sign-in then fails with "run wright mcp login NAME".
/// </summary>
public interface IMcpLogin
{
    /// <summary>Where the authorization server sends the browser back (a loopback address).</summary>
    Uri RedirectUri { get; }

    /// <summary>Shows the URL and waits for the redirect; null when the person gave up.</summary>
    Task<AuthorizationResult?> AuthorizeAsync(string server, Uri authorizationUrl, CancellationToken cancellationToken);
}
