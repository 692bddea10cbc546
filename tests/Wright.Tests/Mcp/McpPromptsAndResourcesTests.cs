using System.Text.Json;
using Wright.Mcp;
using Wright.Tests.Support;

namespace Wright.Tests.Mcp;

/// <summary>MCP prompts as slash commands and resources through read_mcp_resource, against server-everything.</summary>
public sealed class McpPromptsAndResourcesTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Prompts_expand_as_slash_commands_and_resources_are_readable()
    {
        var server = new McpServerConfig("everything")
        {
            Command = "node",
            Args = [NodePackages.File("@modelcontextprotocol/server-everything", "dist/index.js"), "stdio"],
            Timeout = TimeSpan.FromSeconds(20),
        };
        await using var hub = await McpHub.StartAsync([server], null, TestContext.Current.CancellationToken);

        Assert.Equal("What's weather in Paris, Texas?", await hub.ExpandPromptAsync("/mcp__everything__args-prompt Paris state=Texas", TestContext.Current.CancellationToken));
        Assert.Null(await hub.ExpandPromptAsync("plain prompt", TestContext.Current.CancellationToken));
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => hub.ExpandPromptAsync("/mcp__everything__nope", TestContext.Current.CancellationToken));
        Assert.Contains("has no prompt 'nope'", missing.Message);

        Assert.True(hub.HasResources);
        var args = JsonDocument.Parse("{\"server\":\"everything\",\"uri\":\"demo://resource/static/document/architecture.md\"}").RootElement;
        var read = await new McpResourceTool(hub).InvokeAsync(args, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.False(read.IsError, read.Content);
        Assert.StartsWith("MCP resource everything", read.UntrustedSource);
        Assert.True(read.Content.Length > 100);
    }
}
