using System.Text;

namespace Wright.Tests.E2E;

/// <summary>
/// Routing rules through the real binary: the first rule that holds (a pattern on the prompt, an estimated context
/// size) sends the request to its model; the switch is an event naming the rule and why, and the usage is counted under
/// the model that answered; when no rule holds, the session's model answers and nothing is switched.
/// </summary>
public sealed class RoutingTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"REFACTOR","model":"deepseek-reasoner"},"response":{"content":"from reasoner","usage":{"prompt_tokens":1000000,"completion_tokens":0}}},
          {"match":{"userMessage":"hello","model":"gpt-4.1-mini"},"response":{"content":"from gpt","usage":{"prompt_tokens":1000000,"completion_tokens":0}}},
          {"match":{"userMessage":"hello","model":"deepseek-chat"},"response":{"content":"from chat","usage":{"prompt_tokens":1000000,"completion_tokens":0}}}
        ]}
        """;

    [Fact]
    public async Task The_first_rule_that_holds_picks_the_model_and_says_why()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess
        {
            Environment =
            {
                ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k",
                ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k",
            },
        };
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """
            {"model":"deepseek/deepseek-chat","routes":[
              {"model":"deepseek/deepseek-reasoner","prompt":"(?i)\\brefactor\\b"},
              {"model":"openai-chat/gpt-4.1-mini","min_context_tokens":20000}]}
            """);

        var byPrompt = await wright.RunAsync("-p", "Please REFACTOR the parser", "--output-format", "stream-json", "--include-partial-messages");
        Assert.True(byPrompt.ExitCode == 0, byPrompt.ToString());
        Assert.Equal("from reasoner", byPrompt.Result.GetProperty("text").GetString());
        var switched = Assert.Single(byPrompt.Events("model_switched"));
        Assert.Equal("deepseek/deepseek-chat", switched.GetProperty("from").GetString());
        Assert.Equal("deepseek/deepseek-reasoner", switched.GetProperty("to").GetString());
        Assert.Equal("route 1: the prompt matches /(?i)\\brefactor\\b/", switched.GetProperty("reason").GetString());
        Assert.Equal("deepseek/deepseek-reasoner", Assert.Single(byPrompt.Events("usage")).GetProperty("model").GetString());

        // About 30,000 tokens of prompt (on stdin: one argument that long is more than Linux passes).
        var longPrompt = new StringBuilder("hello, summarise this:\n");
        for (var i = 0; i < 30_000; i++)
            longPrompt.Append(" word");
        var bySize = await wright.RunWithInputAsync(longPrompt.ToString(), "-p", "--output-format", "stream-json", "--include-partial-messages");
        Assert.True(bySize.ExitCode == 0, bySize.ToString());
        Assert.Equal("from gpt", bySize.Result.GetProperty("text").GetString());
        var sized = Assert.Single(bySize.Events("model_switched"));
        Assert.Equal("openai-chat/gpt-4.1-mini", sized.GetProperty("to").GetString());
        Assert.StartsWith("route 2: the context is about ", sized.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("tokens (at least 20,000)", sized.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // gpt-4.1-mini: $0.40 per million input tokens, counted under the model that answered.
        Assert.Equal(0.4m, bySize.Result.GetProperty("cost_usd").GetDecimal());

        var unrouted = await wright.RunAsync("-p", "hello", "--output-format", "stream-json", "--include-partial-messages");
        Assert.True(unrouted.ExitCode == 0, unrouted.ToString());
        Assert.Equal("from chat", unrouted.Result.GetProperty("text").GetString());
        Assert.Empty(unrouted.Events("model_switched"));

        var models = await wright.RunAsync("models");
        Assert.EndsWith("route", models.Stdout.Split('\n').Single(l => l.StartsWith("openai-chat/gpt-4.1-mini ", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_rule_is_one_clear_configuration_error()
    {
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_API_KEY"] = "k" } };
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """{"routes":[{"model":"deepseek/deepseek-reasoner","prompt":"(unclosed"}]}""");
        var bad = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("routes[0].prompt must be a regular expression", bad.Stderr);

        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """{"routes":[{"model":"deepseek/deepseek-reasoner"}]}""");
        var noCondition = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat");
        Assert.Equal(2, noCondition.ExitCode);
        Assert.Contains("routes[0] must be an object {\"model\"", noCondition.Stderr);
    }
}
