using System.Text.Json;

namespace Wright.Tests.E2E;

/// <summary>
/// <c>wright exec --json</c> prints Codex CLI's <c>codex exec --json</c> events (codex-rs/exec/src/exec_events.rs):
/// thread.started, turn.started, item.started/updated/completed with Codex's item types, turn.completed with usage,
/// turn.failed and error.
/// </summary>
public sealed class CodexExecTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"codex tour","hasToolResult":false},"response":{"reasoning":"Plan the work.","toolCalls":[
            {"id":"call_todo","name":"todo_write","arguments":"{\"items\":[{\"content\":\"greet\",\"status\":\"in_progress\"},{\"content\":\"write\",\"status\":\"pending\"}]}"},
            {"id":"call_sh","name":"shell","arguments":"{\"command\":\"echo hi\"}"}]}},
          {"match":{"toolCallId":"call_sh"},"response":{"content":"Now the file.","toolCalls":[
            {"id":"call_write","name":"write_file","arguments":"{\"path\":\"new.txt\",\"content\":\"x\\n\"}"},
            {"id":"call_fail","name":"shell","arguments":"{\"command\":\"echo oops; exit 3\"}"}]}},
          {"match":{"toolCallId":"call_fail"},"response":{"toolCalls":[
            {"id":"call_done","name":"todo_write","arguments":"{\"items\":[{\"content\":\"greet\",\"status\":\"done\"},{\"content\":\"write\",\"status\":\"done\"}]}"}]}},
          {"match":{"toolCallId":"call_done"},"response":{"content":"All done.","usage":{"prompt_tokens":100,"completion_tokens":20}}}
        ]}
        """;

    private static List<JsonElement> Lines(WrightRun run) =>
        [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static IEnumerable<JsonElement> Items(List<JsonElement> lines, string eventType, string itemType) =>
        lines.Where(l => Type(l) == eventType).Select(l => l.GetProperty("item")).Where(i => Type(i) == itemType);

    [Fact]
    public async Task Exec_json_prints_codexs_thread_turn_and_item_events()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var last = Path.Combine(wright.Root, "last.txt");
        var run = await wright.RunAsync("exec", "--json", "-m", "deepseek/deepseek-chat", "--skip-git-repo-check", "-o", last, "codex tour");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = Lines(run); // every stdout line is one JSON object

        Assert.Equal("thread.started", Type(lines[0]));
        Assert.Matches("^[0-9a-z-]{8,}$", lines[0].GetProperty("thread_id").GetString());
        Assert.Equal("turn.started", Type(lines[1]));
        Assert.Single(lines, l => Type(l) == "turn.started"); // one Codex turn per prompt, however many model requests
        var done = lines[^1];
        Assert.Equal("turn.completed", Type(done));
        var usage = done.GetProperty("usage");
        Assert.Equal(["input_tokens", "cached_input_tokens", "output_tokens"], usage.EnumerateObject().Select(p => p.Name));
        Assert.True(usage.GetProperty("output_tokens").GetInt64() >= 20);

        Assert.Equal("Plan the work.", Assert.Single(Items(lines, "item.completed", "reasoning")).GetProperty("text").GetString());
        var messages = Items(lines, "item.completed", "agent_message").Select(i => i.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Now the file.", "All done."], messages);

        var started = Items(lines, "item.started", "command_execution").ToList();
        Assert.Equal(2, started.Count);
        Assert.Equal("echo hi", started[0].GetProperty("command").GetString());
        Assert.Equal("in_progress", started[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, started[0].GetProperty("exit_code").ValueKind);
        Assert.Equal("", started[0].GetProperty("aggregated_output").GetString());
        var commands = Items(lines, "item.completed", "command_execution").ToList();
        Assert.Equal(started.Select(s => s.GetProperty("id").GetString()), commands.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("hi\n", commands[0].GetProperty("aggregated_output").GetString());
        Assert.Equal(0, commands[0].GetProperty("exit_code").GetInt32());
        Assert.Equal("completed", commands[0].GetProperty("status").GetString());
        Assert.Equal("oops\n", commands[1].GetProperty("aggregated_output").GetString());
        Assert.Equal(3, commands[1].GetProperty("exit_code").GetInt32());
        Assert.Equal("failed", commands[1].GetProperty("status").GetString());

        var change = Assert.Single(Items(lines, "item.completed", "file_change"));
        var file = Assert.Single(change.GetProperty("changes").EnumerateArray());
        Assert.Equal("new.txt", file.GetProperty("path").GetString());
        Assert.Equal("add", file.GetProperty("kind").GetString());
        Assert.Equal("completed", change.GetProperty("status").GetString());
        Assert.Empty(Items(lines, "item.started", "file_change")); // Codex emits a file change only once it is done

        var todoStarted = Assert.Single(Items(lines, "item.started", "todo_list"));
        Assert.Equal([("greet", false), ("write", false)], todoStarted.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("text").GetString(), i.GetProperty("completed").GetBoolean())));
        var todoUpdated = Assert.Single(Items(lines, "item.updated", "todo_list"));
        Assert.All(todoUpdated.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("completed").GetBoolean()));
        var todoCompleted = Assert.Single(Items(lines, "item.completed", "todo_list"));
        Assert.Equal(todoStarted.GetProperty("id").GetString(), todoCompleted.GetProperty("id").GetString());

        // Ids are Codex's item_N, unique per item.
        var ids = lines.Where(l => l.TryGetProperty("item", out _)).Select(l => l.GetProperty("item").GetProperty("id").GetString()!).ToList();
        Assert.All(ids, id => Assert.Matches("^item_[0-9]+$", id));
        Assert.Equal(Items(lines, "item.completed", "reasoning").Count() + messages.Count + 2 + 1 + 1, ids.Distinct().Count());
        Assert.Equal("All done.", File.ReadAllText(last));
    }

    [Fact]
    public async Task Exec_json_reports_a_failed_turn_and_a_bad_start_as_codex_does_and_plain_exec_prints_the_answer()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var stopped = await wright.RunAsync("exec", "--json", "-m", "deepseek/deepseek-chat", "--max-turns", "1", "codex tour");
        Assert.Equal(3, stopped.ExitCode);
        var lines = Lines(stopped);
        var failed = lines[^1];
        Assert.Equal("turn.failed", Type(failed));
        Assert.Contains("--max-turns", failed.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain(lines, l => Type(l) == "turn.completed");

        var bad = await wright.RunAsync("exec", "--json", "-m", "nosuchprovider/model", "hello");
        Assert.Equal(2, bad.ExitCode);
        var error = Assert.Single(Lines(bad));
        Assert.Equal("error", Type(error));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));

        var plain = await wright.RunWithInputAsync("codex tour", "exec", "-m", "deepseek/deepseek-chat", "-");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Equal("All done.", plain.Stdout.Trim());
    }
}
