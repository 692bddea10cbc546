namespace Wright.Tests.E2E;

/// <summary><c>wright init</c>: the model explores with read-only tools and writes AGENTS.md, and nothing else.</summary>
public sealed class InitTests
{
    [Fact]
    public async Task Init_writes_agents_md_and_may_not_run_commands_or_touch_other_files()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"Write an AGENTS.md","hasToolResult":false},"response":{"toolCalls":[{"name":"list_dir","arguments":"{}"}]}},
              {"match":{"userMessage":"Write an AGENTS.md","hasToolResult":true,"sequenceIndex":0},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"make test\"}"}]}},
              {"match":{"userMessage":"Write an AGENTS.md","hasToolResult":true,"sequenceIndex":1},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"Makefile\",\"content\":\"hacked\"}"}]}},
              {"match":{"userMessage":"Write an AGENTS.md","hasToolResult":true,"sequenceIndex":2},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"AGENTS.md\",\"content\":\"# Agents\\n\\nBuild: make\\n\"}"}]}},
              {"match":{"userMessage":"Write an AGENTS.md","hasToolResult":true,"sequenceIndex":3},"response":{"content":"Wrote AGENTS.md."}}
            ]}
            """);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        File.WriteAllText(wright.File("Makefile"), "test:\n\techo ok\n");

        var run = await wright.RunAsync("init", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Wrote AGENTS.md.", run.Result.GetProperty("text").GetString());
        Assert.Equal("# Agents\n\nBuild: make\n", File.ReadAllText(wright.File("AGENTS.md")));
        Assert.Equal("test:\n\techo ok\n", File.ReadAllText(wright.File("Makefile")));
        var statuses = run.Events("tool_call_finished").Select(e => (e.GetProperty("name").GetString(), e.GetProperty("status").GetString())).ToList();
        Assert.Equal([("list_dir", "ok"), ("shell", "denied"), ("write_file", "denied"), ("write_file", "ok")], statuses);
    }
}
