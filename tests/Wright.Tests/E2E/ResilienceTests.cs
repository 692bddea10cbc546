using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Wright.Tests.E2E;

/// <summary>Bad inputs and provider failures through the real binary: clear errors, nothing lost or doubled.</summary>
public sealed class ResilienceTests
{
    private static WrightProcess DeepSeek(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    private const string Hello = """{"fixtures":[{"match":{"userMessage":"hello"},"response":{"content":"Hello there, friend."}}]}""";

    [Fact]
    public async Task Rate_limit_then_success_is_retried_with_an_event()
    {
        await using var mock = await AimockServer.StartAsync(Hello);
        await mock.QueueErrorAsync(429);
        using var wright = DeepSeek(mock);
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json", "--include-partial-messages");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Hello there, friend.", run.Result.GetProperty("text").GetString());
        var retry = Assert.Single(run.Events("retry"));
        Assert.Contains("429", retry.GetProperty("reason").GetString());
        Assert.Equal(2, (await mock.JournalAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_persistent_server_error_ends_with_one_clear_error_and_exit_1()
    {
        const string fixtures = """{"fixtures":[{"match":{"userMessage":"hello"},"response":{"error":{"message":"upstream exploded","type":"server_error"},"status":500}}]}""";
        await using var mock = await AimockServer.StartAsync(fixtures);
        using var wright = DeepSeek(mock);
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--output-format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error", run.Status);
        Assert.Contains("deepseek server error (500): upstream exploded", run.Result.GetProperty("error").GetString());
        Assert.Single(run.Lines);
        Assert.Equal(5, (await mock.JournalAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_cut_stream_is_retried_and_its_partial_text_is_not_duplicated()
    {
        const string fixtures = """
            {"fixtures":[
              {"match":{"userMessage":"hello","sequenceIndex":0},"response":{"content":"Hello there, friend. This answer is long enough to be cut."},"chunkSize":8,"truncateAfterChunks":2},
              {"match":{"userMessage":"hello","sequenceIndex":1},"response":{"content":"Hello there, friend. This answer is long enough to be cut."}}
            ]}
            """;
        await using var mock = await AimockServer.StartAsync(fixtures);
        using var wright = DeepSeek(mock);
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json", "--include-partial-messages");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Hello there, friend. This answer is long enough to be cut.", run.Result.GetProperty("text").GetString());
        Assert.Single(run.Events("retry"));
    }

    [Fact]
    public async Task Malformed_tool_arguments_become_an_error_result_and_the_run_recovers()
    {
        const string fixtures = """
            {"fixtures":[
              {"match":{"userMessage":"hello","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\": \"a.txt\", \"content\": "}]}},
              {"match":{"userMessage":"hello","hasToolResult":true},"response":{"content":"Sorry, retrying later."}}
            ]}
            """;
        await using var mock = await AimockServer.StartAsync(fixtures);
        using var wright = DeepSeek(mock);
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--permission-mode", "yolo", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var finished = Assert.Single(run.Events("tool_call_finished"));
        Assert.Equal("error", finished.GetProperty("status").GetString());
        Assert.Contains("not valid JSON", finished.GetProperty("result").GetString());
        Assert.False(File.Exists(wright.File("a.txt")));
        var journal = await mock.JournalAsync();
        var toolMessage = journal[1].GetProperty("body").GetProperty("messages").EnumerateArray().Last();
        Assert.Equal("tool", toolMessage.GetProperty("role").GetString());
        Assert.Contains("not valid JSON", toolMessage.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Unknown_tools_are_reported_to_the_model()
    {
        const string fixtures = """
            {"fixtures":[
              {"match":{"userMessage":"hello","hasToolResult":false},"response":{"toolCalls":[{"name":"teleport","arguments":"{}"}]}},
              {"match":{"userMessage":"hello","hasToolResult":true},"response":{"content":"ok"}}
            ]}
            """;
        await using var mock = await AimockServer.StartAsync(fixtures);
        using var wright = DeepSeek(mock);
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json");

        Assert.Equal("success", run.Status);
        Assert.Contains("unknown tool 'teleport'", Assert.Single(run.Events("tool_call_finished")).GetProperty("result").GetString());
    }

    [Fact]
    public async Task Max_turns_stops_with_exit_3()
    {
        const string fixtures = """{"fixtures":[{"match":{"userMessage":"loop"},"response":{"toolCalls":[{"name":"read_file","arguments":"{\"path\":\"x.txt\"}"}]}}]}""";
        await using var mock = await AimockServer.StartAsync(fixtures);
        using var wright = DeepSeek(mock);
        var run = await wright.RunAsync("-p", "loop", "--model", "deepseek/deepseek-chat", "--max-turns", "2", "--output-format", "json");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("max_turns", run.Status);
        Assert.Equal(2, run.Result.GetProperty("turns").GetInt32());
    }

    [Fact]
    public async Task Sigint_cancels_the_turn_kills_the_command_and_still_prints_the_result()
    {
        const string fixtures = """{"fixtures":[{"match":{"userMessage":"wait"},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"echo $$ > pid.txt; sleep 120\"}"}]}}]}""";
        await using var mock = await AimockServer.StartAsync(fixtures);
        using var wright = DeepSeek(mock);
        using var process = Process.Start(wright.StartInfo(["-p", "wait", "--model", "deepseek/deepseek-chat", "--permission-mode", "yolo", "--output-format", "stream-json"]))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var pidFile = wright.File("pid.txt");
        for (var i = 0; i < 200 && !File.Exists(pidFile); i++)
            await Task.Delay(50);
        await Task.Delay(200);
        Assert.Equal(0, Kill(process.Id, 2));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        var run = new WrightRun(process.ExitCode, await stdout, "");

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("cancelled", run.Status);
        Assert.Equal("interrupted", Assert.Single(run.Events("tool_call_finished")).GetProperty("status").GetString());
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(401, "deepseek rejected the API key (401)")]
    [InlineData(404, "deepseek does not know this model or endpoint (404)")]
    public async Task Auth_and_unknown_model_errors_are_one_clear_line(int status, string expected)
    {
        await using var mock = await AimockServer.StartAsync(Hello);
        await mock.QueueErrorAsync(status);
        using var wright = DeepSeek(mock);
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat");

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + expected, error);
        Assert.Equal(1, (await mock.JournalAsync()).GetArrayLength());
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_retried_then_reported()
    {
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = "http://127.0.0.1:9/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Four identical retries, folded (stderr is not a terminal): the first at once, the last with the count.
        var retries = lines.Where(l => l.StartsWith("retrying", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("(attempt 1)", retries[0], StringComparison.Ordinal);
        Assert.Matches(@"\(attempt 4\): .* \(×4\)$", retries[1]);
        Assert.StartsWith("error: cannot reach deepseek at http://127.0.0.1:9/v1", lines[^1]);
        Assert.Empty(run.Stdout);
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
