namespace Wright.Cli.Text;

/// <summary>Strings of <c>wright mcp serve</c> over HTTP.</summary>
internal static partial class Strings
{
    public const string McpServeAnyDescription = "Serve Wright over MCP (stdio, or Streamable HTTP with --http): a run_task tool runs a task in a workspace and returns the result.";
    public const string McpServeHttpOption = "Serve over Streamable HTTP at http://HOST:PORT/mcp instead of stdio (set WRIGHT_MCP_TOKEN to require a bearer token).";
    public const string McpServePortOption = "HTTP port (default 0: a free port, printed when listening).";
    public const string McpServeIdleOption = "End HTTP sessions unused for this many seconds (default 1800); a client then starts a new one.";
    public const string McpServeBadIdle = "--session-idle-timeout must be a positive number of seconds (got {0}).";
    public const string McpServeHostOption = "HTTP address to bind (default 127.0.0.1; another address exposes the agent to the network).";
    public const string McpServeListening = "wright MCP server listening on {0}";
    public const string McpServeTokenRequired = " (bearer token required)";
    public const string McpServeBindFailed = "cannot listen on {0}:{1}: {2}";
    public const string McpServeHttpOnly = "--port, --host and --session-idle-timeout need --http";
}
