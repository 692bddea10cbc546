using System.Collections.Concurrent;
using System.Text;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// Provider errors, refusals and unknown prices through the real binary: aimock's error injection for HTTP errors,
/// recorded streams (Fixtures/Streams) served from loopback for mid-stream errors and refusals.
/// </summary>
public sealed class ProviderErrorTests
{
    private const string Hello = """{"fixtures":[{"match":{"userMessage":"hello"},"response":{"content":"Hello there, friend."}}]}""";

    /// <summary>Serves one recorded SSE body to every request and counts the requests.</summary>
    private sealed class RecordedStreamServer : IDisposable
    {
        private readonly TinyHttpServer _server;

        public RecordedStreamServer(string fixture)
        {
            var body = ReplayHandler.Fixture("Streams/" + fixture);
            _server = new TinyHttpServer(async (request, response) =>
            {
                using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
                    Paths.Add(request.Url!.AbsolutePath + " " + await reader.ReadToEndAsync());
                await TinyHttpServer.Write(response, body, "text/event-stream");
            });
        }

        public string BaseUrl => _server.BaseUrl.TrimEnd('/');

        public ConcurrentBag<string> Paths { get; } = [];

        public void Dispose() => _server.Dispose();
    }

    [Fact]
    public async Task An_injected_insufficient_quota_429_is_not_retried_and_shows_the_providers_words()
    {
        await using var mock = await AimockServer.StartAsync(Hello);
        await mock.QueueErrorAsync(429, """{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}""");
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "hello", "--model", "openai/gpt-5", "--output-format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("error", run.Status);
        Assert.Equal("openai quota or credit exhausted (429): You exceeded your current quota, please check your plan and billing details. Check the plan and billing of this key; retrying will not help.",
            run.Result.GetProperty("error").GetString());
        Assert.Equal(1, (await mock.JournalAsync()).GetArrayLength());
    }

    [Fact]
    public async Task An_injected_overloaded_529_on_anthropic_is_retried_and_the_run_succeeds()
    {
        await using var mock = await AimockServer.StartAsync(Hello);
        await mock.QueueErrorAsync(529, """{"message":"Overloaded","type":"overloaded_error"}""");
        using var wright = new WrightProcess { Environment = { ["ANTHROPIC_BASE_URL"] = mock.BaseUrl, ["ANTHROPIC_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "hello", "--model", "anthropic/claude-sonnet-4-5", "--output-format", "stream-json", "--include-partial-messages");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Hello there, friend.", run.Result.GetProperty("text").GetString());
        Assert.Contains("anthropic is overloaded (529): Overloaded", Assert.Single(run.Events("retry")).GetProperty("reason").GetString());
        Assert.Equal(2, (await mock.JournalAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("openai/gpt-5", "OPENAI", "/v1", "openai-responses/insufficient-quota.sse", "quota",
        "openai quota or credit exhausted (insufficient_quota, mid-stream): You exceeded your current quota")]
    [InlineData("groq/llama-3.3-70b-versatile", "GROQ", "/openai/v1", "groq/tool-use-failed.sse", "bad_request",
        "groq refused the request (400, mid-stream): Failed to call a function.")]
    public async Task A_mid_stream_client_error_is_reported_once_and_not_retried(string model, string variable, string path, string fixture,
        string kind, string message)
    {
        using var server = new RecordedStreamServer(fixture);
        using var wright = new WrightProcess { Environment = { [variable + "_BASE_URL"] = server.BaseUrl + path, [variable + "_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "hello", "--model", model, "--output-format", "stream-json", "--include-partial-messages");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("error", run.Status);
        var error = Assert.Single(run.Events("error"));
        Assert.Equal(kind, error.GetProperty("kind").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(run.Events("retry"));
        Assert.Single(server.Paths);
    }

    [Fact]
    public async Task A_refusal_is_its_own_status_with_exit_code_5_and_the_explanation()
    {
        using var server = new RecordedStreamServer("anthropic/refusal.sse");
        using var wright = new WrightProcess { Environment = { ["ANTHROPIC_BASE_URL"] = server.BaseUrl, ["ANTHROPIC_API_KEY"] = "k" } };
        const string Explanation = "This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.";

        var json = await wright.RunAsync("-p", "hello", "--model", "anthropic/claude-sonnet-4-5", "--output-format", "json");
        Assert.True(json.ExitCode == 5, json.ToString());
        Assert.Equal("refusal", json.Status);
        Assert.Equal(Explanation, json.Result.GetProperty("text").GetString());
        Assert.False(json.Result.TryGetProperty("error", out _));

        var text = await wright.RunAsync("-p", "hello", "--model", "anthropic/claude-sonnet-4-5");
        Assert.Equal(5, text.ExitCode);
        Assert.Equal(Explanation, text.Stdout.Trim());
        Assert.Contains("the model declined this request", text.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_for_a_model_without_a_price_is_refused_before_any_request()
    {
        await using var mock = await AimockServer.StartAsync(Hello);
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "hello", "--model", "openai-chat/gpt-4o", "--max-budget-usd", "1", "--output-format", "json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("error", run.Status);
        var error = run.Result.GetProperty("error").GetString()!;
        Assert.Contains("--max-budget-usd needs the price of openai-chat/gpt-4o", error, StringComparison.Ordinal);
        Assert.Contains("providers.openai-chat.models.gpt-4o", error, StringComparison.Ordinal);
        Assert.Equal(0, (await mock.JournalAsync()).GetArrayLength());

        // Priced in config, the same budget is enforced.
        File.WriteAllText(Path.Combine(wright.Home, "config.json"),
            """{"providers":{"openai-chat":{"models":{"gpt-4o":{"context_window":128000,"input_price":2.5,"output_price":10}}}}}""");
        var priced = await wright.RunAsync("-p", "hello", "--model", "openai-chat/gpt-4o", "--max-budget-usd", "1", "--output-format", "json");
        Assert.True(priced.ExitCode == 0, priced.ToString());
        Assert.True(priced.Result.GetProperty("cost_usd").GetDecimal() > 0);
    }

    [Fact]
    public async Task An_unknown_cost_is_shown_as_unknown_everywhere()
    {
        await using var mock = await AimockServer.StartAsync(Hello);
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "hello", "--model", "openai-chat/gpt-4o", "--output-format", "stream-json", "--include-partial-messages");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.Result.GetProperty("cost_usd").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.Result.GetProperty("session_cost_usd").ValueKind);
        Assert.All(run.Events("usage"), u => Assert.Equal(System.Text.Json.JsonValueKind.Null, u.GetProperty("cost_usd").ValueKind));

        var sessions = await wright.RunAsync("sessions");
        Assert.Contains("unknown", sessions.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("$0.0000", sessions.Stdout, StringComparison.Ordinal);
        var cost = await wright.RunAsync("cost");
        Assert.Matches(@"openai-chat/gpt-4o\s+1\s+1\s+\d+\s+\d+\s+0\s+0\s+unknown\*", cost.Stdout);
        Assert.Contains("total: unknown", cost.Stdout, StringComparison.Ordinal);
    }
}
