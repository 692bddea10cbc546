namespace Wright.Mcp;

/// <summary>How a configured server is doing: running with its tools, disabled, or failed with one clear line.</summary>
public sealed record McpServerStatus(string Name, string Transport, string State, int Tools, string? Error)
{
    /// <summary>Whether it is connected.</summary>
    public bool Running => State == "running";
}
