namespace Wright.Mcp.Server;

/// <summary>How <see cref="McpHttpHost"/> listens and whom it lets in.</summary>
public sealed record McpHttpHostOptions
{
    /// <summary>The address to bind: an IP literal (<c>127.0.0.1</c>, <c>::1</c>, <c>[::1]</c>, <c>0.0.0.0</c>, <c>::</c>) or <c>localhost</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (see <see cref="McpHttpHost.Url"/>).</summary>
    public int Port { get; init; }

    /// <summary>The bearer token every request must carry (required: there is no anonymous HTTP).</summary>
    public required string Token { get; init; }

    /// <summary>How long a session may go unused before it ends (default <see cref="McpHttpHost.DefaultIdleTimeout"/>).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Host names, besides loopback names and (off loopback) IP literals, that requests may name in <c>Host</c>.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
}
