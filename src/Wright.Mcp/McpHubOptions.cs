using Wright.Mcp.Auth;
using Wright.Mcp.Elicitation;

namespace Wright.Mcp;

/// <summary>What <see cref="McpHub"/> needs from its host beyond the server list.</summary>
public sealed record McpHubOptions
{
    /// <summary>The HTTP client for remote servers (proxy and TLS settings of the host); null: one of its own.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>Where OAuth tokens are kept (<c>$WRIGHT_HOME/mcp-auth</c>); null: tokens live in memory only.</summary>
    public OAuthTokenStore? Tokens { get; init; }

    /// <summary>
    /// The person who can sign in with a browser, or null: then a server that needs a (new) sign-in fails with
    /// "run wright mcp login NAME" instead of waiting for one.
    /// </summary>
    public IMcpLogin? Login { get; init; }

    /// <summary>The workspace, offered to servers as the one root (<c>roots/list</c>); null: no roots capability.</summary>
    public string? Workspace { get; init; }

    /// <summary>Who answers elicitation requests at first (<see cref="McpHub.Elicitor"/> can change it later).</summary>
    public IMcpElicitor Elicitor { get; init; } = DecliningElicitor.Instance;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
