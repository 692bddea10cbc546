using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Wright.Tests.E2E;

/// <summary><c>wright mcp serve</c> driven by the official MCP C# client over stdio.</summary>
public sealed class McpServeTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make file","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"from-mcp.txt\",\"content\":\"hello\\n\"}"}]}},
          {"match":{"userMessage":"make file","hasToolResult":true},"response":{"content":"Created from-mcp.txt."}}
        ]}
        """;

    [Fact]
    public async Task Run_task_runs_the_agent_under_the_callers_permission_mode()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var psi = wright.StartInfo(["mcp", "serve", "--cwd", wright.Workspace]);
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "wright",
            Command = psi.FileName,
            Arguments = [.. psi.ArgumentList],
            EnvironmentVariables = psi.Environment.ToDictionary(kv => kv.Key, kv => kv.Value),
            InheritEnvironmentVariables = false,
            WorkingDirectory = wright.Workspace,
        }), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("wright", client.ServerInfo!.Name);
        var tool = Assert.Single(await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("run_task", tool.Name);

        var planned = await client.CallToolAsync("run_task", new Dictionary<string, object?> { ["prompt"] = "make file", ["model"] = "deepseek/deepseek-chat" },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(File.Exists(wright.File("from-mcp.txt")));
        Assert.Equal("Created from-mcp.txt.", ((TextContentBlock)planned.Content[0]).Text);
        Assert.Contains("\"status\":\"success\"", ((TextContentBlock)planned.Content[1]).Text);

        var done = await client.CallToolAsync("run_task", new Dictionary<string, object?>
        {
            ["prompt"] = "make file", ["model"] = "deepseek/deepseek-chat", ["permission_mode"] = "accept-edits",
        }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(done.IsError != true, ((TextContentBlock)done.Content[0]).Text);
        Assert.Equal("hello\n", File.ReadAllText(wright.File("from-mcp.txt")));

        var refused = await client.CallToolAsync("run_task", new Dictionary<string, object?> { ["prompt"] = "x", ["permission_mode"] = "yolo" },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(refused.IsError);
        Assert.Contains("not allowed here", ((TextContentBlock)refused.Content[0]).Text);
    }
}
