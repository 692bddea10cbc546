namespace Wright.Tests.E2E;

/// <summary>Headless output and input that tools written for Claude Code read.</summary>
public sealed class StreamJsonCompatTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make file","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"a.txt\",\"content\":\"x\"}"}]}},
          {"match":{"userMessage":"make file","hasToolResult":true},"response":{"content":"done"}},
          {"match":{"userMessage":"second"},"response":{"content":"second answer"}}
        ]}
        """;

    [Fact]
    public async Task Stream_json_has_claude_codes_messages_and_result_fields_and_fine_events_only_on_request()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "make file", "--model", "deepseek/deepseek-chat", "--permission-mode", "plan", "--output-format", "stream-json", "--verbose");
        Assert.True(run.ExitCode == 0, run.ToString());

        var init = Assert.Single(run.Events("system"));
        Assert.Equal("init", init.GetProperty("subtype").GetString());
        Assert.Equal("deepseek/deepseek-chat", init.GetProperty("model").GetString());
        Assert.Contains("write_file", init.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        var sessionId = init.GetProperty("session_id").GetString();

        var assistant = run.Events("assistant").Select(a => a.GetProperty("message").GetProperty("content")[0]).ToList();
        var toolUse = assistant.Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("write_file", toolUse.GetProperty("name").GetString());
        Assert.Equal("a.txt", toolUse.GetProperty("input").GetProperty("path").GetString());
        Assert.Equal("done", assistant[^1].GetProperty("text").GetString());

        var toolResult = Assert.Single(run.Events("user")).GetProperty("message").GetProperty("content")[0];
        Assert.Equal("tool_result", toolResult.GetProperty("type").GetString());
        Assert.Equal(toolUse.GetProperty("id").GetString(), toolResult.GetProperty("tool_use_id").GetString());
        Assert.True(toolResult.GetProperty("is_error").GetBoolean());

        var result = run.Result;
        Assert.Equal("success", result.GetProperty("subtype").GetString());
        Assert.False(result.GetProperty("is_error").GetBoolean());
        Assert.Equal("done", result.GetProperty("result").GetString());
        Assert.Equal(2, result.GetProperty("num_turns").GetInt32());
        Assert.Equal(sessionId, result.GetProperty("session_id").GetString());
        Assert.True(result.TryGetProperty("total_cost_usd", out _));
        Assert.True(result.GetProperty("usage").TryGetProperty("cache_read_input_tokens", out _));
        var denial = Assert.Single(result.GetProperty("permission_denials").EnumerateArray());
        Assert.Equal("write_file", denial.GetProperty("tool_name").GetString());
        Assert.Equal("a.txt", denial.GetProperty("tool_input").GetProperty("path").GetString());
        Assert.Equal("success", result.GetProperty("status").GetString());   // Wright's own fields stay
        Assert.Equal("done", result.GetProperty("text").GetString());

        Assert.Empty(run.Events("text_delta"));
        Assert.NotEmpty(run.Events("tool_call_finished"));
        var partial = await wright.RunAsync("-p", "make file", "--model", "deepseek/deepseek-chat", "--permission-mode", "plan", "--output-format", "stream-json", "--include-partial-messages");
        Assert.NotEmpty(partial.Events("text_delta"));
        Assert.NotEmpty(partial.Events("usage"));
    }

    [Fact]
    public async Task Stream_json_input_runs_each_user_message_in_one_session()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        const string input = """
            {"type":"user","message":{"role":"user","content":[{"type":"text","text":"make file"}]}}

            {"type":"user","message":{"role":"user","content":"second"}}
            """;
        var run = await wright.RunWithInputAsync(input + "\n", "--input-format", "stream-json", "--output-format", "stream-json", "--model", "deepseek/deepseek-chat", "--permission-mode", "plan");
        Assert.True(run.ExitCode == 0, run.ToString());
        var results = run.Events("result").ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("done", results[0].GetProperty("result").GetString());
        Assert.Equal("second answer", results[1].GetProperty("result").GetString());
        Assert.Equal(results[0].GetProperty("session_id").GetString(), results[1].GetProperty("session_id").GetString());

        var bad = await wright.RunWithInputAsync("not json\n", "--input-format", "stream-json", "--output-format", "stream-json", "--model", "deepseek/deepseek-chat");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("stdin line 1 is not a stream-json user message", bad.Stderr);
    }

    [Fact]
    public async Task A_run_stopped_by_max_turns_says_so_on_stderr_in_text_mode()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "make file", "--model", "deepseek/deepseek-chat", "--permission-mode", "plan", "--max-turns", "1");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("stopped: the run reached --max-turns (1 model requests); continue with wright -c", run.Stderr);
    }
}
