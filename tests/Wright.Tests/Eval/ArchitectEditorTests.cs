using System.Text.Json;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Eval;

/// <summary>
/// Architect/editor through <c>wright eval --architect … --editor …</c> with two different providers (DeepSeek plans,
/// OpenAI Chat edits, both aimock): the architect's plan reaches the editor, the editor's failure report goes back to
/// the architect, the revised plan is carried out and the task passes.
/// </summary>
public sealed class ArchitectEditorTests
{
    [Fact]
    public async Task The_architect_plans_the_editor_edits_and_a_failure_goes_back_to_the_architect()
    {
        var write = JsonSerializer.Serialize(JsonSerializer.Serialize(new Dictionary<string, object> { ["path"] = "answer.txt", ["content"] = "5\n" },
            TestJson.Default.DictionaryStringObject), TestJson.Default.String);
        var fixtures = new[]
        {
            """{"match":{"userMessage":"TASK-PAIR","model":"deepseek-chat"},"response":{"content":"1. Put the answer somewhere."}}""",
            """{"match":{"userMessage":"The editor could not carry out your plan","model":"deepseek-chat"},"response":{"content":"1. Write 5 into answer.txt."}}""",
            """{"match":{"userMessage":"Carry out this plan","model":"gpt-4.1-mini","hasToolResult":false,"sequenceIndex":0},"response":{"content":"I looked. EDITOR-FAILED: the plan names no file"}}""",
            "{\"match\":{\"userMessage\":\"Carry out this plan\",\"model\":\"gpt-4.1-mini\",\"hasToolResult\":false,\"sequenceIndex\":1},\"response\":{\"toolCalls\":[{\"name\":\"write_file\",\"arguments\":" + write + "}]}}",
            """{"match":{"userMessage":"Carry out this plan","model":"gpt-4.1-mini","hasToolResult":true},"response":{"content":"Done."}}""",
        };
        await using var mock = await AimockServer.StartAsync(EvalFixtures.Json(fixtures));
        using var wright = new WrightProcess
        {
            Environment =
            {
                ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k",
                ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k",
            },
        };
        var suite = Path.Combine(wright.Root, "suite");
        EvalFixtures.HarborTask(suite, "pair", "TASK-PAIR: write 5 into answer.txt", "5");
        var outDir = Path.Combine(wright.Root, "out");
        var run = await EvalFixtures.RunAsync(wright, TimeSpan.FromMinutes(3), "eval", suite, "--architect", "deepseek/deepseek-chat",
            "--editor", "openai-chat/gpt-4.1-mini", "--out", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var config = Assert.Single(doc.RootElement.GetProperty("configs").EnumerateArray());
        Assert.Equal("architect deepseek/deepseek-chat + editor openai-chat/gpt-4.1-mini", config.GetProperty("label").GetString());
        Assert.Equal(1, config.GetProperty("solved").GetInt32());
        var journal = (await mock.JournalAsync()).EnumerateArray().ToList();
        Assert.Equal(["deepseek-chat", "gpt-4.1-mini", "deepseek-chat", "gpt-4.1-mini", "gpt-4.1-mini"],
            journal.Select(e => e.GetProperty("body").GetProperty("model").GetString()).ToList());
        Assert.Contains("1. Put the answer somewhere.", journal[1].GetRawText());
        Assert.Contains("the plan names no file", journal[2].GetRawText());
        Assert.Contains("1. Write 5 into answer.txt.", journal[3].GetRawText());
        // The architect's session is in plan mode (any edit it tried would be refused); it reads with the read-only tools.
        var architectTools = journal[0].GetProperty("body").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Contains("read_file", architectTools);
    }

    [Fact]
    public async Task Headless_architect_editor_takes_the_missing_half_from_the_configuration_and_sums_both_sessions()
    {
        var write = JsonSerializer.Serialize(JsonSerializer.Serialize(new Dictionary<string, object> { ["path"] = "answer.txt", ["content"] = "5\n" },
            TestJson.Default.DictionaryStringObject), TestJson.Default.String);
        const string Usage = "\"usage\":{\"prompt_tokens\":1000000,\"completion_tokens\":0}";
        var fixtures = new[]
        {
            "{\"match\":{\"userMessage\":\"TASK-SOLO\",\"model\":\"deepseek-chat\"},\"response\":{\"content\":\"1. Write 5 into answer.txt.\"," + Usage + "}}",
            "{\"match\":{\"userMessage\":\"Carry out this plan\",\"model\":\"gpt-4.1-mini\",\"hasToolResult\":false},\"response\":{\"toolCalls\":[{\"name\":\"write_file\",\"arguments\":" + write + "}]," + Usage + "}}",
            "{\"match\":{\"userMessage\":\"Carry out this plan\",\"model\":\"gpt-4.1-mini\",\"hasToolResult\":true},\"response\":{\"content\":\"Done.\"," + Usage + "}}",
        };
        await using var mock = await AimockServer.StartAsync(EvalFixtures.Json(fixtures));
        using var wright = new WrightProcess
        {
            Environment =
            {
                ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k",
                ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k",
            },
        };
        // No architect anywhere: one clear error, no request made.
        var incomplete = await wright.RunAsync("-p", "TASK-SOLO", "--editor", "openai-chat/gpt-4.1-mini", "--output-format", "json");
        Assert.Equal(2, incomplete.ExitCode);
        Assert.Contains("architect/editor mode needs both models", incomplete.Stderr);
        Assert.Equal(0, (await mock.JournalAsync()).GetArrayLength());

        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """{"models":{"editor":"openai-chat/gpt-4.1-mini"}}""");
        var run = await wright.RunAsync("-p", "TASK-SOLO: write 5 into answer.txt", "--architect", "deepseek/deepseek-chat", "--output-format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("5\n", File.ReadAllText(wright.File("answer.txt")));
        Assert.Equal("Done.", run.Result.GetProperty("text").GetString());
        // One architect turn ($0.28 per million input tokens) and two editor turns ($0.40 each).
        Assert.Equal(3, run.Result.GetProperty("turns").GetInt32());
        Assert.Equal(1.08m, run.Result.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(3_000_000, run.Result.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        var models = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetProperty("body").GetProperty("model").GetString()).ToList();
        Assert.Equal(["deepseek-chat", "gpt-4.1-mini", "gpt-4.1-mini"], models);
    }
}
