namespace Wright.Mcp.Text;

/// <summary>The MCP client's user-facing messages.</summary>
internal static class McpStrings
{
    public const string NeedsLogin = "needs sign-in: run `wright mcp login {0}`";
    public const string LoginRefused = "sign-in failed: {0}";
    public const string DidNotStart = "did not start within {0:0}s";
    public const string CouldNotStart = "could not start {0}: {1}";
}
