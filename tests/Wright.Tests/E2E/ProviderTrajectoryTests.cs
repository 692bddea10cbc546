using System.Text.Json;

namespace Wright.Tests.E2E;

/// <summary>
/// The real binary against aimock, one multi-step tool trajectory per wire protocol: the model writes a file, runs
/// a shell command that reads it back, then answers. Asserts the files, the result line, and what Wright sent.
/// </summary>
public sealed class ProviderTrajectoryTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make file","hasToolResult":false},
           "response":{"reasoning":"I should write the file.","reasoningSignature":"sig-abc",
                       "toolCalls":[{"name":"write_file","arguments":{"path":"hello.txt","content":"hi there\n"}}]}},
          {"match":{"userMessage":"make file","hasToolResult":true,"sequenceIndex":0},
           "response":{"toolCalls":[{"name":"shell","arguments":{"command":"cat hello.txt && echo 你好"}}]}},
          {"match":{"userMessage":"make file","hasToolResult":true,"sequenceIndex":1},
           "response":{"content":"Wrote hello.txt and checked it."}}
        ]}
        """;

    private static async Task<WrightRun> Trajectory(WrightProcess wright, string model) =>
        await wright.RunAsync("-p", "make file", "--model", model, "--permission-mode", "yolo", "--output-format", "stream-json", "--include-partial-messages");

    private static void AssertSucceeded(WrightProcess wright, WrightRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("success", run.Status);
        Assert.Equal("Wrote hello.txt and checked it.", run.Result.GetProperty("text").GetString());
        Assert.Equal(3, run.Result.GetProperty("turns").GetInt32());
        Assert.Equal("hi there\n", File.ReadAllText(wright.File("hello.txt")));
        var shell = run.Events("tool_call_finished").Single(e => e.GetProperty("name").GetString() == "shell");
        Assert.Contains("hi there\n你好", shell.GetProperty("result").GetString());
        Assert.All(run.Events("tool_call_finished"), e => Assert.Equal("ok", e.GetProperty("status").GetString()));
    }

    /// <summary>Every tool result goes back under the id of the call it answers, in the normalised journal.</summary>
    private static void AssertThreaded(JsonElement journal, string path)
    {
        var requests = journal.EnumerateArray().Where(e => e.GetProperty("path").GetString() == path).ToList();
        Assert.Equal(3, requests.Count);
        var last = requests[2].GetProperty("body").GetProperty("messages");
        Assert.Equal("system", last[0].GetProperty("role").GetString());
        Assert.StartsWith("You are Wright", last[0].GetProperty("content").GetString());
        var callIds = last.EnumerateArray().Where(m => m.TryGetProperty("tool_calls", out var c) && c.ValueKind == JsonValueKind.Array)
            .SelectMany(m => m.GetProperty("tool_calls").EnumerateArray()).Select(c => c.GetProperty("id").GetString()).ToList();
        var resultIds = last.EnumerateArray().Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("tool_call_id").GetString()).ToList();
        Assert.Equal(2, callIds.Count);
        Assert.Equal(callIds, resultIds);
        var tools = requests[0].GetProperty("body").GetProperty("tools").EnumerateArray()
            .Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Contains("shell", tools);
        Assert.Contains("write_file", tools);
        Assert.Contains("read_file", tools);
    }

    [Fact]
    public async Task OpenAI_responses_api()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "test-key" } };
        var run = await Trajectory(wright, "openai/gpt-5");

        AssertSucceeded(wright, run);
        AssertThreaded(await mock.JournalAsync(), "/v1/responses");
        Assert.NotEmpty(run.Events("reasoning_delta"));
    }

    [Fact]
    public async Task OpenAI_chat_through_the_deepseek_preset_round_trips_reasoning_content()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var proxy = new RecordingProxy(mock.BaseUrl);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = proxy.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "test-key" } };
        var run = await Trajectory(wright, "deepseek/deepseek-chat");

        AssertSucceeded(wright, run);
        AssertThreaded(await mock.JournalAsync(), "/v1/chat/completions");
        Assert.Equal("I should write the file.", string.Concat(run.Events("reasoning_delta").Select(e => e.GetProperty("text").GetString())));
        var second = proxy.Requests[1];
        Assert.Equal("Bearer test-key", second.Headers["authorization"]);
        var assistant = second.Body.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal("I should write the file.", assistant.GetProperty("reasoning_content").GetString());
        Assert.Equal("write_file", assistant.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Anthropic_messages_with_thinking_and_tool_use()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var proxy = new RecordingProxy(mock.BaseUrl);
        using var wright = new WrightProcess { Environment = { ["ANTHROPIC_BASE_URL"] = proxy.BaseUrl, ["ANTHROPIC_API_KEY"] = "test-key" } };
        var run = await Trajectory(wright, "anthropic/claude-sonnet-4-5");

        AssertSucceeded(wright, run);
        AssertThreaded(await mock.JournalAsync(), "/v1/messages");
        var second = proxy.Requests[1];
        Assert.Equal("/v1/messages", second.Path);
        Assert.Equal("test-key", second.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", second.Headers["anthropic-version"]);
        var body = second.Body;
        Assert.Equal("ephemeral", body.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        var assistant = body.GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var thinking = assistant.GetProperty("content")[0];
        Assert.Equal("thinking", thinking.GetProperty("type").GetString());
        Assert.Equal("I should write the file.", thinking.GetProperty("thinking").GetString());
        Assert.Equal("sig-abc", thinking.GetProperty("signature").GetString());
        var toolUse = assistant.GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        var toolResult = body.GetProperty("messages")[2].GetProperty("content")[0];
        Assert.Equal("tool_result", toolResult.GetProperty("type").GetString());
        Assert.Equal(toolUse.GetProperty("id").GetString(), toolResult.GetProperty("tool_use_id").GetString());
    }

    [Fact]
    public async Task Gemini_through_its_openai_compatible_path()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["GEMINI_BASE_URL"] = mock.BaseUrl + "/v1beta/openai", ["GEMINI_API_KEY"] = "test-key" } };
        var run = await Trajectory(wright, "gemini/gemini-2.5-flash");

        AssertSucceeded(wright, run);
        AssertThreaded(await mock.JournalAsync(), "/v1beta/openai/chat/completions");
    }

    [Fact]
    public async Task Ollama_through_v1_without_a_key()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["OLLAMA_BASE_URL"] = mock.BaseUrl + "/v1" } };
        var run = await Trajectory(wright, "ollama/qwen3");

        AssertSucceeded(wright, run);
        var journal = await mock.JournalAsync();
        AssertThreaded(journal, "/v1/chat/completions");
        Assert.All(journal.EnumerateArray(), e => Assert.False(e.GetProperty("headers").TryGetProperty("authorization", out _)));
        Assert.Equal(0m, run.Result.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task Effort_maps_to_each_protocols_reasoning_setting()
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[{"match":{"userMessage":"think"},"response":{"content":"thought"}}]}""");
        using var proxy = new RecordingProxy(mock.BaseUrl);
        using var wright = new WrightProcess
        {
            Environment =
            {
                ["OPENAI_BASE_URL"] = proxy.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k",
                ["ANTHROPIC_BASE_URL"] = proxy.BaseUrl, ["ANTHROPIC_API_KEY"] = "k",
                ["GEMINI_BASE_URL"] = proxy.BaseUrl + "/v1beta/openai", ["GEMINI_API_KEY"] = "k",
                ["QWEN_BASE_URL"] = proxy.BaseUrl + "/v1", ["DASHSCOPE_API_KEY"] = "k",
                ["ZHIPU_BASE_URL"] = proxy.BaseUrl + "/v1", ["ZHIPUAI_API_KEY"] = "k",
                ["DEEPSEEK_BASE_URL"] = proxy.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k",
            },
        };
        Assert.Equal(0, (await wright.RunAsync("-p", "think", "--model", "openai/gpt-5", "--effort", "high")).ExitCode);
        Assert.Equal(0, (await wright.RunAsync("-p", "think", "--model", "anthropic/claude-sonnet-4-5", "--effort", "low")).ExitCode);
        Assert.Equal(0, (await wright.RunAsync("-p", "think", "--model", "gemini/gemini-2.5-pro", "--effort", "medium")).ExitCode);
        Assert.Equal(0, (await wright.RunAsync("-p", "think", "--model", "qwen/qwen3-max", "--effort", "high")).ExitCode);
        Assert.Equal(0, (await wright.RunAsync("-p", "think", "--model", "zhipu/glm-4.6", "--effort", "low")).ExitCode);
        Assert.Equal(0, (await wright.RunAsync("-p", "think", "--model", "deepseek/deepseek-chat", "--effort", "high")).ExitCode);

        var requests = proxy.Requests;
        Assert.Equal("high", requests[0].Body.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal(2048, requests[1].Body.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.Equal("medium", requests[2].Body.GetProperty("reasoning_effort").GetString());
        // DashScope: enable_thinking with a budget; GLM: thinking.type; DeepSeek chooses by model, so nothing is sent.
        Assert.True(requests[3].Body.GetProperty("enable_thinking").GetBoolean());
        Assert.Equal(24576, requests[3].Body.GetProperty("thinking_budget").GetInt32());
        Assert.False(requests[3].Body.TryGetProperty("reasoning_effort", out _));
        Assert.Equal("enabled", requests[4].Body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.False(requests[5].Body.TryGetProperty("reasoning_effort", out _));
        Assert.False(requests[5].Body.TryGetProperty("thinking", out _));
        Assert.False(requests[5].Body.TryGetProperty("enable_thinking", out _));
    }
}
