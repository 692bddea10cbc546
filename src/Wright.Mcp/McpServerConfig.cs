namespace Wright.Mcp;

/// <summary>
/// One MCP server in the widely used <c>mcpServers</c> JSON shape: <c>command</c>/<c>args</c>/<c>env</c>/<c>cwd</c> for
/// stdio, or <c>url</c>/<c>headers</c> (and <c>type</c> "http" or "sse") for remote servers.
/// </summary>
public sealed record McpServerConfig(string Name)
{
    /// <summary>The program of a stdio server.</summary>
    public string? Command { get; init; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory of a stdio server.</summary>
    public string? Cwd { get; init; }

    /// <summary>The endpoint of a remote server.</summary>
    public Uri? Url { get; init; }

    /// <summary>HTTP headers for a remote server.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>"stdio", "http" (Streamable HTTP, falls back to SSE) or "sse" (legacy).</summary>
    public string Transport => Url is null ? "stdio" : Type is "sse" ? "sse" : "http";

    /// <summary>The declared type, if any.</summary>
    public string? Type { get; init; }

    /// <summary>Disabled servers are listed but not started.</summary>
    public bool Disabled { get; init; }

    /// <summary>
    /// Whether a headless run fails when this server cannot start (the default). <c>"required": false</c> makes it
    /// optional: a failure is then a warning and the run goes on without its tools.
    /// </summary>
    public bool Required { get; init; } = true;

    /// <summary>OAuth settings of a remote server (pre-registered client, scopes, callback port), if any.</summary>
    public McpOAuthConfig? OAuth { get; init; }

    /// <summary>Start and call timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The file it was declared in.</summary>
    public string Source { get; init; } = "";
}
