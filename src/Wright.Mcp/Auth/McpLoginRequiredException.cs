namespace Wright.Mcp.Auth;

/// <summary>A remote server needs a sign-in and this host has nobody to sign in: run <c>wright mcp login NAME</c>.</summary>
public sealed class McpLoginRequiredException(string server) : Exception($"MCP server '{server}' needs sign-in: run `wright mcp login {server}`")
{
    /// <summary>The server.</summary>
    public string Server { get; } = server;
}
