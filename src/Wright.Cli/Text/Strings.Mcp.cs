using Wright.Core.Localization;
namespace Wright.Cli.Text;

/// <summary>Strings of <c>wright mcp serve</c>.</summary>
internal static partial class Strings
{
    public static string McpServeAnyDescription => UiLanguage.Pick("Serve Wright over MCP (stdio, or Streamable HTTP with --http): a run_task tool runs a task in a workspace and returns the result.", StringsZhCN.McpServeAnyDescription);
    public static string McpServeHttpOption => UiLanguage.Pick("Serve over Streamable HTTP at http://HOST:PORT/mcp instead of stdio. Every request needs Authorization: Bearer TOKEN (WRIGHT_MCP_TOKEN, else a token made once and kept in $WRIGHT_HOME/mcp-token).", StringsZhCN.McpServeHttpOption);
    public static string McpServePortOption => UiLanguage.Pick("HTTP port (default 0: a free port, printed when listening).", StringsZhCN.McpServePortOption);
    public static string McpServeIdleOption => UiLanguage.Pick("End HTTP sessions unused for this many seconds (default 1800); a client then starts a new one.", StringsZhCN.McpServeIdleOption);
    public static string McpServeBadIdle => UiLanguage.Pick("--session-idle-timeout must be a positive number of seconds (got {0}).", StringsZhCN.McpServeBadIdle);
    public static string McpServeHostOption => UiLanguage.Pick("HTTP address to bind: an IP address or localhost (default 127.0.0.1; another address exposes the agent to the network).", StringsZhCN.McpServeHostOption);
    public static string McpServeAllowedHostOption => UiLanguage.Pick("A host name clients may use in the Host header besides loopback names and IP addresses (repeatable; for a server reached by name).", StringsZhCN.McpServeAllowedHostOption);
    public static string McpServeRootOption => UiLanguage.Pick("A directory run_task may work in, with everything below it (repeatable; default: --cwd or the current directory, unless that is / or the home directory).", StringsZhCN.McpServeRootOption);
    public static string McpServeModeOption => UiLanguage.Pick("The most a run_task call may ask for: plan, ask, accept-edits, auto or yolo (default: WRIGHT_PERMISSION_MODE, the user config's permission_mode, else auto).", StringsZhCN.McpServeModeOption);
    public static string McpServeListening => UiLanguage.Pick("wright MCP server listening on {0}", StringsZhCN.McpServeListening);
    public static string McpServeTokenRequired => UiLanguage.Pick(" (bearer token required)", StringsZhCN.McpServeTokenRequired);
    public static string McpServeTokenCreated => UiLanguage.Pick("bearer token (new, kept in {1}): {0}", StringsZhCN.McpServeTokenCreated);
    public static string McpServeTokenStored => UiLanguage.Pick("bearer token (from {1}): {0}", StringsZhCN.McpServeTokenStored);
    public static string McpServeExposed => UiLanguage.Pick("{0} is reachable from the network: anyone who can reach it and has the token can run tasks in the server's roots.", StringsZhCN.McpServeExposed);
    public static string McpServeBindFailed => UiLanguage.Pick("cannot listen on {0}:{1}: {2}", StringsZhCN.McpServeBindFailed);
    public static string McpServeHttpOnly => UiLanguage.Pick("--port, --host, --session-idle-timeout and --allowed-host need --http", StringsZhCN.McpServeHttpOnly);
    public static string McpServeCwdNotAllowed => UiLanguage.Pick("--cwd {0} is not an allowed workspace: {1}", StringsZhCN.McpServeCwdNotAllowed);
    public static string McpServeNoRoots => UiLanguage.Pick("{0} is / or the home directory (or above it), so this server has no root and refuses every run_task; start it with --root DIR or --cwd DIR.", StringsZhCN.McpServeNoRoots);
    public static string McpServeNoDefault => UiLanguage.Pick("{0} is not inside a --root, so every run_task call must name its cwd.", StringsZhCN.McpServeNoDefault);
}
