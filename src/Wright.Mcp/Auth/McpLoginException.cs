namespace Wright.Mcp.Auth;

/// <summary>A sign-in to an MCP server's authorization server did not complete; the message says why in one line.</summary>
public sealed class McpLoginException(string message) : Exception(message);
