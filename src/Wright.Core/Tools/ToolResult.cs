using Microsoft.Extensions.AI;

namespace Wright.Core.Tools;

/// <summary>What a tool gives back to the model.</summary>
/// <param name="Content">The text the model sees.</param>
/// <param name="IsError">Whether the call failed (the model should recover).</param>
public sealed record ToolResult(string Content, bool IsError = false)
{
    /// <summary>Extra content such as images, for providers that accept it in tool results.</summary>
    public IReadOnlyList<AIContent>? Attachments { get; init; }

    /// <summary>
    /// Set when the content came from outside the user's trust boundary (a web page, an MCP server, …): names the
    /// source. The safety layer taints the session with it; hosts show it.
    /// </summary>
    public string? UntrustedSource { get; init; }

    /// <summary>A successful result.</summary>
    public static ToolResult Ok(string content) => new(content);

    /// <summary>A failed result with an actionable message.</summary>
    public static ToolResult Error(string message) => new(message, IsError: true);
}
