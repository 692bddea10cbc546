using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Wright.Core.Tools;

namespace Wright.Mcp;

/// <summary><c>read_mcp_resource {server, uri}</c>: reads a resource of an MCP server (untrusted content).</summary>
public sealed class McpResourceTool(McpHub hub) : ITool
{
    /// <inheritdoc />
    public string Name => "read_mcp_resource";

    /// <inheritdoc />
    public string Description => "Read a resource (by URI) from an MCP server.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"server":{"type":"string"},"uri":{"type":"string"}},"required":["server","uri"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var server = arguments.GetProperty("server").GetString() ?? "";
        var uri = arguments.GetProperty("uri").GetString() ?? "";
        var source = $"MCP resource {server} {uri}";
        if (hub.Client(server) is not { } client)
            return ToolResult.Error($"Error: MCP server '{server}' is not running ({hub.FailureOf(server) ?? "not configured"}).");
        try
        {
            var result = await client.ReadResourceAsync(uri, cancellationToken: cancellationToken);
            var text = new StringBuilder();
            foreach (var content in result.Contents)
            {
                text.AppendLine(content switch
                {
                    TextResourceContents t => t.Text,
                    BlobResourceContents b => $"[binary resource {b.Uri} ({b.MimeType ?? "unknown type"}, {b.DecodedData.Length:N0} bytes)]",
                    _ => $"[resource {content.Uri}]",
                });
            }

            return new ToolResult(text.ToString().TrimEnd()) { UntrustedSource = source };
        }
        catch (McpException ex)
        {
            return ToolResult.Error($"Error: reading {uri} from {server} failed: {ex.Message}") with { UntrustedSource = source };
        }
    }
}
