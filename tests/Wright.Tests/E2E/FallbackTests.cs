using System.Text.Json;

namespace Wright.Tests.E2E;

/// <summary>
/// Fallback through the real binary: a request that fails for good (aimock's injected 429, 500, 529, or a context
/// overflow) goes to the next model of the list; the switch is an event naming both models and the reason, and the
/// usage is counted under the model that answered.
/// </summary>
public sealed class FallbackTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"hello","model":"deepseek-chat"},"response":{"content":"from chat","usage":{"prompt_tokens":1000000,"completion_tokens":0}}},
          {"match":{"userMessage":"hello","model":"deepseek-reasoner"},"response":{"content":"from reasoner","usage":{"prompt_tokens":1000000,"completion_tokens":0}}},
          {"match":{"userMessage":"hello","model":"gpt-4.1-mini"},"response":{"content":"from gpt","usage":{"prompt_tokens":1000000,"completion_tokens":0}}}
        ]}
        """;

    private static WrightProcess Wright(AimockServer mock, string config)
    {
        var wright = new WrightProcess
        {
            Environment =
            {
                ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k",
                ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k",
            },
        };
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), config);
        return wright;
    }

    [Theory]
    [InlineData(429, """{"message":"Rate limit reached","type":"rate_limit_error"}""", "429")]
    [InlineData(500, """{"message":"upstream exploded","type":"server_error"}""", "500")]
    [InlineData(529, """{"message":"Overloaded","type":"overloaded_error"}""", "529")]
    public async Task A_request_that_fails_for_good_goes_to_the_next_model(int status, string error, string reasonPart)
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = Wright(mock, """{"retry":{"max_retries":0}}""");
        await mock.QueueErrorAsync(status, error);
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--fallback", "deepseek/deepseek-reasoner", "--output-format", "stream-json", "--include-partial-messages");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("from reasoner", run.Result.GetProperty("text").GetString());
        var switched = Assert.Single(run.Events("model_switched"));
        Assert.Equal("deepseek/deepseek-chat", switched.GetProperty("from").GetString());
        Assert.Equal("deepseek/deepseek-reasoner", switched.GetProperty("to").GetString());
        Assert.Contains(reasonPart, switched.GetProperty("reason").GetString());
        var usage = Assert.Single(run.Events("usage"));
        Assert.Equal("deepseek/deepseek-reasoner", usage.GetProperty("model").GetString());
        Assert.Equal(0.28m, usage.GetProperty("cost_usd").GetDecimal());
        var models = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetProperty("body").GetProperty("model").GetString()).ToList();
        Assert.Equal(["deepseek-chat", "deepseek-reasoner"], models);
    }

    [Fact]
    public async Task A_context_overflow_skips_to_a_model_with_a_larger_window()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        // From the configuration: reasoner has the same 128k window as chat, so the overflow goes to gpt-4.1-mini (1M).
        using var wright = Wright(mock, """{"retry":{"max_retries":0},"fallback":["deepseek/deepseek-reasoner","openai-chat/gpt-4.1-mini"]}""");
        await mock.QueueErrorAsync(400, """{"message":"This model's maximum context length is 131072 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}""");
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json", "--include-partial-messages");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("from gpt", run.Result.GetProperty("text").GetString());
        var switched = Assert.Single(run.Events("model_switched"));
        Assert.Equal("openai-chat/gpt-4.1-mini", switched.GetProperty("to").GetString());
        Assert.StartsWith("the context does not fit", switched.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("openai-chat/gpt-4.1-mini", Assert.Single(run.Events("usage")).GetProperty("model").GetString());
        // gpt-4.1-mini: $0.40 per million input tokens.
        Assert.Equal(0.4m, run.Result.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task Without_a_fallback_the_failure_stays_one_clear_error()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = Wright(mock, """{"retry":{"max_retries":0}}""");
        await mock.QueueErrorAsync(529, """{"message":"Overloaded","type":"overloaded_error"}""");
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json", "--include-partial-messages");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Events("model_switched"));
    }

    [Fact]
    public async Task Wright_models_lists_windows_prices_keys_and_roles()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = Wright(mock, """{"model":"deepseek/deepseek-chat","fallback":["openai-chat/gpt-4.1-mini"],"models":{"small":"deepseek/deepseek-reasoner","subagent":"deepseek/deepseek-reasoner"}}""");
        var run = await wright.RunAsync("models");

        Assert.True(run.ExitCode == 0, run.ToString());
        var chat = run.Stdout.Split('\n').Single(l => l.StartsWith("deepseek/deepseek-chat ", StringComparison.Ordinal));
        Assert.Contains("128,000", chat);
        Assert.Contains("0.28", chat);
        Assert.Contains("set", chat);
        Assert.EndsWith("main", chat.TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("small,subagent", run.Stdout.Split('\n').Single(l => l.StartsWith("deepseek/deepseek-reasoner ", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("missing", run.Stdout.Split('\n').Single(l => l.StartsWith("anthropic/claude-sonnet-4-5 ", StringComparison.Ordinal)));
        var bad = Wright(mock, """{"models":{"tiny":"x/y"}}""");
        var refused = await bad.RunAsync("models");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("models.tiny must be one of small, subagent, architect, editor", refused.Stderr);
        bad.Dispose();
    }
}
