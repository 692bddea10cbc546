namespace Wright.Cli.Text;

/// <summary>Strings of <c>wright mcp serve</c>.</summary>
internal static partial class Strings
{
    public const string McpServeAnyDescription = "Serve Wright over MCP (stdio, or Streamable HTTP with --http): a run_task tool runs a task in a workspace and returns the result.";
    public const string McpServeHttpOption = "Serve over Streamable HTTP at http://HOST:PORT/mcp instead of stdio. Every request needs Authorization: Bearer TOKEN (WRIGHT_MCP_TOKEN, else a token made once and kept in $WRIGHT_HOME/mcp-token).";
    public const string McpServePortOption = "HTTP port (default 0: a free port, printed when listening).";
    public const string McpServeIdleOption = "End HTTP sessions unused for this many seconds (default 1800); a client then starts a new one.";
    public const string McpServeBadIdle = "--session-idle-timeout must be a positive number of seconds (got {0}).";
    public const string McpServeHostOption = "HTTP address to bind: an IP address or localhost (default 127.0.0.1; another address exposes the agent to the network).";
    public const string McpServeAllowedHostOption = "A host name clients may use in the Host header besides loopback names and IP addresses (repeatable; for a server reached by name).";
    public const string McpServeRootOption = "A directory run_task may work in, with everything below it (repeatable; default: --cwd or the current directory, unless that is / or the home directory).";
    public const string McpServeModeOption = "The most a run_task call may ask for: plan, ask, accept-edits, auto or yolo (default: WRIGHT_PERMISSION_MODE, the user config's permission_mode, else auto).";
    public const string McpServeListening = "wright MCP server listening on {0}";
    public const string McpServeTokenRequired = " (bearer token required)";
    public const string McpServeTokenCreated = "bearer token (new, kept in {1}): {0}";
    public const string McpServeTokenStored = "bearer token (from {1}): {0}";
    public const string McpServeExposed = "{0} is reachable from the network: anyone who can reach it and has the token can run tasks in the server's roots.";
    public const string McpServeBindFailed = "cannot listen on {0}:{1}: {2}";
    public const string McpServeHttpOnly = "--port, --host, --session-idle-timeout and --allowed-host need --http";
    public const string McpServeCwdNotAllowed = "--cwd {0} is not an allowed workspace: {1}";
    public const string McpServeNoRoots = "{0} is / or the home directory (or above it), so this server has no root and refuses every run_task; start it with --root DIR or --cwd DIR.";
    public const string McpServeNoDefault = "{0} is not inside a --root, so every run_task call must name its cwd.";
}
