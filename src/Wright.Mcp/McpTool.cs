using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Wright.Core.Tools;

namespace Wright.Mcp;

/// <summary>
/// A tool of an MCP server, exposed as <c>mcp__&lt;server&gt;__&lt;tool&gt;</c>. Its description and results are untrusted
/// content: descriptions are marked and capped, results are labelled with their source.
/// </summary>
public sealed class McpTool : ITool
{
    private const int MaxDescription = 600;
    private readonly McpClient _client;
    private readonly Tool _tool;
    private readonly TimeSpan _timeout;
    private readonly McpHub _hub;

    internal McpTool(McpHub hub, string server, McpClient client, Tool tool, TimeSpan timeout)
    {
        _hub = hub;
        Server = server;
        _client = client;
        _tool = tool;
        _timeout = timeout;
        Name = ToolName(server, tool.Name);
        var description = (tool.Description ?? tool.Title ?? tool.Name).ReplaceLineEndings(" ").Trim();
        if (description.Length > MaxDescription)
            description = description[..MaxDescription] + "…";
        Description = $"[MCP {server}] {description}";
        ParametersSchema = tool.InputSchema.ValueKind == JsonValueKind.Object ? tool.InputSchema.Clone() : ToolRegistry.Schema("""{"type":"object"}""");
        Effect = tool.Annotations?.ReadOnlyHint == true ? ToolEffect.ReadOnly : ToolEffect.Mutating;
    }

    /// <summary>The server's name.</summary>
    public string Server { get; }

    /// <summary>The tool's name on its server.</summary>
    public string RemoteName => _tool.Name;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; }

    /// <inheritdoc />
    public ToolEffect Effect { get; }

    /// <summary>The Wright name of a server's tool: only [A-Za-z0-9_-], at most 64 characters.</summary>
    public static string ToolName(string server, string tool)
    {
        static string Clean(string s) => new([.. s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
        var name = $"mcp__{Clean(server)}__{Clean(tool)}";
        return name.Length <= 64 ? name : name[..64];
    }

    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var source = $"MCP {Server}.{_tool.Name}";
        if (_hub.FailureOf(Server) is { } failure)
            return ToolResult.Error($"Error: MCP server '{Server}' is not available: {failure}") with { UntrustedSource = source };

        var args = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in arguments.EnumerateObject())
                args[p.Name] = p.Value.Clone();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        CallToolResult result;
        try
        {
            result = await _client.CallToolAsync(_tool.Name, args, cancellationToken: timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolResult.Error($"Error: MCP tool {Server}.{_tool.Name} did not answer within {_timeout.TotalSeconds:0}s.") with { UntrustedSource = source };
        }
        catch (McpException ex)
        {
            return ToolResult.Error($"Error: MCP tool {Server}.{_tool.Name} failed: {ex.Message}") with { UntrustedSource = source };
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            _hub.MarkFailed(Server, $"the server stopped ({ex.Message})");
            return ToolResult.Error($"Error: MCP server '{Server}' stopped responding: {ex.Message}") with { UntrustedSource = source };
        }

        var text = new StringBuilder();
        var attachments = new List<AIContent>();
        foreach (var block in result.Content)
        {
            switch (block)
            {
                case TextContentBlock t:
                    text.AppendLine(t.Text);
                    break;
                case ImageContentBlock image:
                    attachments.Add(new DataContent(image.DecodedData, image.MimeType));
                    text.AppendLine($"[image {image.MimeType}]");
                    break;
                case EmbeddedResourceBlock { Resource: TextResourceContents r }:
                    text.AppendLine($"[resource {r.Uri}]").AppendLine(r.Text);
                    break;
                case ResourceLinkBlock link:
                    text.AppendLine($"[resource link {link.Uri}] {link.Name}");
                    break;
                default:
                    text.AppendLine($"[{block.Type} content]");
                    break;
            }
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
            text.Append(structured.GetRawText());
        var content = text.ToString().TrimEnd();
        return new ToolResult(result.IsError == true ? "Error: " + content : content, result.IsError == true)
        {
            UntrustedSource = source,
            Attachments = attachments.Count > 0 ? attachments : null,
        };
    }
}
