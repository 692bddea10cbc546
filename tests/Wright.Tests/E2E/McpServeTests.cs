using System.Diagnostics;
using System.Text.Json;
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
        Assert.Equal("run_task: argument 'permission_mode' must be one of plan, ask, accept-edits, auto, got the string \"yolo\"",
            ((TextContentBlock)refused.Content[0]).Text);
    }

    [Fact]
    public async Task Bad_lines_and_bad_arguments_get_answers_that_say_what_is_wrong()
    {
        using var wright = new WrightProcess();
        using var process = Process.Start(wright.StartInfo(["mcp", "serve", "--cwd", wright.Workspace]))!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        async Task<JsonElement> SendAsync(string line)
        {
            await process.StandardInput.WriteLineAsync(line.AsMemory(), timeout.Token);
            await process.StandardInput.FlushAsync(timeout.Token);
            using var doc = JsonDocument.Parse((await process.StandardOutput.ReadLineAsync(timeout.Token))!);
            return doc.RootElement.Clone();
        }

        try
        {
            var parse = await SendAsync("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
            Assert.Equal(-32700, parse.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Equal(JsonValueKind.Null, parse.GetProperty("id").ValueKind);
            await SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
            await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""".AsMemory(), timeout.Token);
            foreach (var (args, message) in new[]
                     {
                         ("""{"prompt":"x","max_turns":1.5}""", "run_task: argument 'max_turns' must be a whole number, got 1.5"),
                         ("""{"prompt":"x","max_turns":1e12}""", "run_task: argument 'max_turns' must be at most 10000, got 1e12"),
                         ("""{"prompt":"x","max_turns":"2"}""", "run_task: argument 'max_turns' must be a whole number, got the string \"2\""),
                         ("""{"prompt":"x","max_turns":0}""", "run_task: argument 'max_turns' must be at least 1, got 0"),
                         ("""{"prompt":"x","yolo":true}""", "run_task: unknown argument 'yolo' (the arguments are prompt, cwd, model, permission_mode, max_turns)"),
                     })
            {
                var call = await SendAsync($$$"""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"run_task","arguments":{{{args}}}}}""");
                Assert.True(call.GetProperty("result").GetProperty("isError").GetBoolean(), call.ToString());
                Assert.Equal(message, call.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
            }
        }
        finally
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
    }
}
