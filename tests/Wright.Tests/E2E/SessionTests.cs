using System.Diagnostics;
using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>Sessions through the real binary: continue, resume, fork, list, export, search, cost, and kill -9 safety.</summary>
public sealed class SessionTests
{
    private static WrightProcess Wright(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    private static List<JsonElement> ChatRequests(JsonElement journal) =>
        journal.EnumerateArray().Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions").ToList();

    private static List<string?> Contents(JsonElement request) =>
        request.GetProperty("body").GetProperty("messages").EnumerateArray()
            .Select(m => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null).ToList();

    [Fact]
    public async Task Continue_resume_fork_list_export_search_and_cost()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"first task"},"response":{"content":"First answer about the 登录 flow."}},
              {"match":{"userMessage":"second task"},"response":{"content":"Second answer."}},
              {"match":{"userMessage":"fork task"},"response":{"content":"Fork answer."}}
            ]}
            """);
        using var wright = Wright(mock);

        var first = await wright.RunAsync("-p", "first task", "--model", "deepseek/deepseek-chat", "--output-format", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var id = first.Result.GetProperty("session_id").GetString()!;

        // -c: the latest session of this directory, with its model, its transcript sent again.
        var second = await wright.RunAsync("-c", "-p", "second task", "--output-format", "json");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(id, second.Result.GetProperty("session_id").GetString());
        Assert.Equal("Second answer.", second.Result.GetProperty("text").GetString());
        var requests = ChatRequests(await mock.JournalAsync());
        Assert.Equal(["first task", "First answer about the 登录 flow.", "second task"], Contents(requests[^1]).Skip(1));

        // -r by unique prefix with --fork: a new session holding the old transcript.
        var fork = await wright.RunAsync("-r", id[..^2], "--fork", "-p", "fork task", "--output-format", "json");
        Assert.True(fork.ExitCode == 0, fork.ToString());
        var forkId = fork.Result.GetProperty("session_id").GetString()!;
        Assert.NotEqual(id, forkId);
        Assert.Equal(["first task", "First answer about the 登录 flow.", "second task", "Second answer.", "fork task"],
            Contents(ChatRequests(await mock.JournalAsync())[^1]).Skip(1));

        var list = await wright.RunAsync("sessions");
        Assert.True(list.ExitCode == 0, list.ToString());
        var rows = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", rows[0]);
        Assert.StartsWith(forkId, rows[1]);
        Assert.Contains($"first task (fork of {id})", rows[1]);
        Assert.StartsWith(id, rows[2]);
        Assert.Contains(wright.Workspace, rows[2]);

        var markdown = await wright.RunAsync("export", id);
        Assert.True(markdown.ExitCode == 0, markdown.ToString());
        Assert.StartsWith("# first task", markdown.Stdout);
        Assert.Contains("## User\n\nsecond task\n\n## Assistant\n\nSecond answer.", markdown.Stdout);
        Assert.DoesNotContain("fork task", markdown.Stdout);

        var jsonl = await wright.RunAsync("export", forkId, "--format", "jsonl", "-o", Path.Combine(wright.Root, "fork.jsonl"));
        Assert.True(jsonl.ExitCode == 0, jsonl.ToString());
        var lines = File.ReadAllLines(Path.Combine(wright.Root, "fork.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(("session", id), (lines[0].GetProperty("type").GetString(), lines[0].GetProperty("parent_id").GetString()));
        Assert.Equal(7, lines.Count(l => l.GetProperty("type").GetString() == "message"));
        Assert.Contains(lines, l => l.GetProperty("type").GetString() == "run_finished");

        var search = await wright.RunAsync("search", "登录");
        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.Contains($"{id} turn 1 [assistant]", search.Stdout);
        Assert.Equal(1, (await wright.RunAsync("search", "nothing-like-this")).ExitCode);

        var cost = await wright.RunAsync("cost");
        Assert.True(cost.ExitCode == 0, cost.ToString());
        Assert.Contains("deepseek/deepseek-chat", cost.Stdout);
        Assert.Contains("total: $", cost.Stdout);
    }

    [Fact]
    public async Task A_remembered_fact_reaches_the_next_sessions_prompt_and_recall_finds_past_sessions()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"learn","hasToolResult":false},"response":{"toolCalls":[{"name":"remember","arguments":"{\"text\":\"The build runs with make ci\"}"}]}},
              {"match":{"userMessage":"learn","hasToolResult":true},"response":{"content":"Noted."}},
              {"match":{"userMessage":"later","hasToolResult":false},"response":{"toolCalls":[{"name":"recall","arguments":"{\"query\":\"learn\"}"}]}},
              {"match":{"userMessage":"later","hasToolResult":true},"response":{"content":"Recalled."}}
            ]}
            """);
        using var wright = Wright(mock);
        var first = await wright.RunAsync("-p", "learn", "--model", "deepseek/deepseek-chat", "--permission-mode", "auto");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Remembered (project, memory 1): The build runs with make ci", first.Stderr);

        var second = await wright.RunAsync("-p", "later", "--model", "deepseek/deepseek-chat", "--output-format", "stream-json");
        Assert.True(second.ExitCode == 0, second.ToString());
        var request = ChatRequests(await mock.JournalAsync())[^2];
        Assert.Contains("- The build runs with make ci (project)", Contents(request)[0]);
        var recall = second.Events("tool_call_finished").Single().GetProperty("result").GetString()!;
        Assert.Contains("turn 1 [user]: [learn]", recall);
    }

    /// <summary>
    /// A model with a tiny window (from config): as the session grows over several -c runs, the context is compacted
    /// by a summary request to the --compact-model (no tools offered); the first request survives verbatim, the
    /// summary replaces the older turns, and every run completes.
    /// </summary>
    [Fact]
    public async Task A_tiny_window_is_compacted_through_a_summary_request_and_the_runs_complete()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"Summarize this conversation history"},"response":{"content":"## Goal\nWrite the parts.\n## Decisions\nSUMMARY-MARKER","usage":{"prompt_tokens":5000,"completion_tokens":100}}},
              {"match":{"userMessage":"part"},"response":{"content":"Part noted."}}
            ]}
            """);
        using var wright = Wright(mock);
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), """
            {"providers":{"deepseek":{"models":{"tiny-chat":{"context_window":9000,"max_output_tokens":1000}}}}}
            """);
        var words = string.Join(" ", Enumerable.Range(0, 1200).Select(i => $"w{i % 97}"));
        var compactions = new List<JsonElement>();
        for (var run = 1; run <= 8 && compactions.Count == 0; run++)
        {
            var args = new List<string> { "-p", $"part {run}: {words}", "--output-format", "stream-json", "--compact-model", "deepseek/deepseek-reasoner" };
            if (run == 1)
                args.AddRange(["--model", "deepseek/tiny-chat"]);
            else
                args.Add("-c");
            var result = await wright.RunAsync([.. args]);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("Part noted.", result.Result.GetProperty("text").GetString());
            compactions.AddRange(result.Events("context_compacted"));
        }

        var compacted = Assert.Single(compactions);
        Assert.Equal("summarized", compacted.GetProperty("stage").GetString());
        // The summary's usage is recorded under the model that wrote it, at its price.
        Assert.Equal(5000, compacted.GetProperty("summary_usage").GetProperty("input_tokens").GetInt64());
        using (var store = global::Wright.Sessions.Store.SessionStore.Open(Path.Combine(wright.Home, "wright.db")))
        {
            var byModel = store.CostByDayAndModel().ToDictionary(r => r.Model, r => r.InputTokens);
            Assert.Equal(5000, byModel["deepseek/deepseek-reasoner"]);
            Assert.True(byModel["deepseek/tiny-chat"] > 0);
        }

        Assert.True(compacted.GetProperty("tokens_after").GetInt32() < compacted.GetProperty("tokens_before").GetInt32());
        var journal = (await mock.JournalAsync()).EnumerateArray().Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions").ToList();
        var summary = Assert.Single(journal, e => Contents(e).Any(c => c?.StartsWith("Summarize this conversation history", StringComparison.Ordinal) == true));
        Assert.Equal("deepseek-reasoner", summary.GetProperty("body").GetProperty("model").GetString());
        Assert.False(summary.GetProperty("body").TryGetProperty("tools", out var tools) && tools.GetArrayLength() > 0);
        var after = Contents(journal[^1]);
        Assert.StartsWith("You are Wright", after[0]);
        Assert.StartsWith("part 1: ", after[1]);
        Assert.Contains(after, c => c?.Contains("SUMMARY-MARKER", StringComparison.Ordinal) == true);

        // /compact on the resumed session forces one now.
        var forced = await wright.RunAsync("-c", "-p", "/compact", "--output-format", "json");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        var line = JsonDocument.Parse(forced.Stdout.Trim()).RootElement;
        Assert.Equal(("context_compacted", "summarized"), (line.GetProperty("type").GetString(), line.GetProperty("stage").GetString()));
        var text = await wright.RunAsync("-c", "-p", "/compact");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("context compacted (summarized)", text.Stderr);
    }

    [Fact]
    public async Task The_budget_ends_the_session_cleanly_and_cost_is_kept_per_turn_session_and_day()
    {
        // 100,000 input tokens of deepseek-chat cost $0.028 a request: a $0.05 budget allows two.
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"spend"},"response":{"toolCalls":[{"name":"read_file","arguments":"{\"path\":\"a.txt\"}"}],"usage":{"prompt_tokens":100000,"completion_tokens":10}}}
            ]}
            """);
        using var wright = Wright(mock);
        File.WriteAllText(wright.File("a.txt"), "hello");
        var run = await wright.RunAsync("-p", "spend", "--model", "deepseek/deepseek-chat", "--max-budget-usd", "0.05", "--output-format", "stream-json", "--include-partial-messages");

        Assert.Equal(4, run.ExitCode);
        Assert.Equal("budget", run.Status);
        Assert.Equal(2, run.Result.GetProperty("turns").GetInt32());
        var perTurn = run.Events("usage").Select(u => u.GetProperty("cost_usd").GetDecimal()).ToList();
        Assert.Equal([0.0280042m, 0.0280042m], perTurn);
        Assert.Equal(0.056008m, run.Result.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(0.056008m, run.Result.GetProperty("session_cost_usd").GetDecimal());
        Assert.Equal(2, run.Events("tool_call_finished").Count()); // the run stopped before a third request, not mid-turn

        var sessions = await wright.RunAsync("sessions");
        Assert.Contains("$0.0560", sessions.Stdout);
        var cost = await wright.RunAsync("cost");
        Assert.Matches(@"deepseek/deepseek-chat\s+1\s+2\s+200000\s+20\s+0\s+0\s+\$0\.0560", cost.Stdout);

        // In text mode the stop is said on stderr, once, in the interface's language; the exit code is the same.
        wright.Environment["WRIGHT_LANG"] = "zh-CN";
        var text = await wright.RunAsync("-p", "spend", "--model", "deepseek/deepseek-chat", "--max-budget-usd", "0.05");
        Assert.True(text.ExitCode == 4, text.ToString());
        Assert.Single(text.Stderr.Split('\n'), l => l == "已停止：运行达到了 --max-budget-usd；用 wright -c（并提高预算）继续");
    }

    [Fact]
    public async Task Bad_session_arguments_are_usage_errors()
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[]}""");
        using var wright = Wright(mock);
        var none = await wright.RunAsync("-c", "-p", "hi", "--model", "deepseek/deepseek-chat");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no session to continue", none.Stderr);
        var unknown = await wright.RunAsync("-r", "nope", "-p", "hi");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no session 'nope'", unknown.Stderr);
        var both = await wright.RunAsync("-c", "-r", "x", "-p", "hi");
        Assert.Contains("cannot be used together", both.Stderr);
        var fork = await wright.RunAsync("--fork", "-p", "hi");
        Assert.Contains("--fork needs -c or -r", fork.Stderr);
        Assert.Equal(2, (await wright.RunAsync("export", "nope")).ExitCode);
    }

    /// <summary>
    /// kill -9 at points spread over a five-step shell trajectory, then resume: the transcript is whole (every call
    /// has exactly one result, interrupted calls say so), no completed step is lost, and no step ran twice.
    /// </summary>
    [Fact]
    public async Task Kill_9_at_any_point_then_resume_loses_and_doubles_nothing()
    {
        const int Steps = 5;
        string Step(int k) => JsonSerializer.Serialize(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["command"] = $"sleep 0.15; echo step{k} >> log.txt; echo done-{k}",
        }, TestJson.Default.DictionaryStringObject), TestJson.Default.String);
        var fixtures = new List<string>
        {
            $$$"""{"match":{"userMessage":"crash test","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":{{{Step(1)}}}}]}}""",
            """{"match":{"userMessage":"continue"},"response":{"content":"Resumed and checked."}}""",
        };
        for (var k = 1; k < Steps; k++)
            fixtures.Add($$$"""{"match":{"userMessage":"crash test","toolResultContains":"done-{{{k}}}"},"response":{"toolCalls":[{"name":"shell","arguments":{{{Step(k + 1)}}}}]}}""");
        fixtures.Add($$$"""{"match":{"userMessage":"crash test","toolResultContains":"done-{{{Steps}}}"},"response":{"content":"All steps done."}}""");
        await using var mock = await AimockServer.StartAsync("{\"fixtures\":[" + string.Join(",", fixtures) + "]}");

        var midway = 0;
        // Kill points by what the run has printed (stream-json), not by time, so that they land where they should on a
        // loaded machine too: at once, then from the session's start to the last turn; one run is left to finish.
        // A few of them wait 60 ms more, to land inside a step's command (its `sleep 0.15`).
        (string? After, int Nth, int ThenMs)[] killPoints =
        [
            ("", 0, 0), ("session_started", 1, 0), ("turn_started", 1, 0), ("tool_call_requested", 1, 60),
            ("tool_call_finished", 2, 0), ("tool_call_requested", 4, 60), ("turn_started", 6, 0), (null, 0, 0),
        ];
        foreach (var (after, nth, thenMs) in killPoints)
        {
            var point = after is null ? "none" : after.Length == 0 ? "at once" : $"{after} #{nth}";
            using var wright = Wright(mock);
            var printed = new System.Text.StringBuilder();
            var args = new[] { "-p", "crash test", "--model", "deepseek/deepseek-chat", "--permission-mode", "yolo", "--output-format", "stream-json" };
            using (var process = Process.Start(wright.StartInfo(args))!)
            {
                var drainErr = process.StandardError.ReadToEndAsync();
                process.StandardInput.Close();
                // SIGKILL, the process alone (its children may outlive it)
                void Kill()
                {
                    if (!process.HasExited)
                        process.Kill(entireProcessTree: false);
                }

                if (after is "")
                    Kill();
                var seen = 0;
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
                {
                    printed.AppendLine(line);
                    if (after is { Length: > 0 } && line.Contains($"\"{after}\"", StringComparison.Ordinal) && ++seen == nth)
                    {
                        if (thenMs > 0)
                            await Task.Delay(thenMs);
                        Kill();
                    }
                }

                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
                await drainErr;
            }

            await Task.Delay(400); // let an orphaned command of the killed run finish writing, if it does
            var sessions = await wright.RunAsync("sessions");
            if (sessions.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length < 2)
            {
                // The prompt is journaled before the first turn starts: a run that printed turn_started has a session.
                Assert.True(after is not null && !printed.ToString().Contains("\"turn_started\"", StringComparison.Ordinal),
                    $"no session recorded although killed {point}, after:\n{printed}");
                continue; // killed before the session existed: nothing was acknowledged, nothing to resume
            }

            var resumed = await wright.RunAsync("-c", "-p", "continue", "--permission-mode", "yolo", "--output-format", "json");
            Assert.True(resumed.ExitCode == 0, $"killed {point}: {resumed}");
            var id = resumed.Result.GetProperty("session_id").GetString()!;
            var export = await wright.RunAsync("export", id, "--format", "jsonl");
            var messages = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
                .Where(l => l.GetProperty("type").GetString() == "message").ToList();
            var contents = messages.SelectMany(m => m.GetProperty("content").EnumerateArray()).ToList();
            var calls = contents.Where(c => c.GetProperty("type").GetString() == "tool_call").Select(c => c.GetProperty("call_id").GetString()).ToList();
            var results = contents.Where(c => c.GetProperty("type").GetString() == "tool_result").ToList();
            Assert.Equal(calls, results.Select(r => r.GetProperty("call_id").GetString()));
            Assert.Equal(calls.Count, calls.Distinct().Count());

            var log = File.Exists(wright.File("log.txt")) ? File.ReadAllLines(wright.File("log.txt")) : [];
            Assert.Equal(log.Length, log.Distinct().Count()); // no step ran twice
            for (var k = 0; k < results.Count; k++)
            {
                var text = results[k].GetProperty("output").GetString()!;
                if (text.StartsWith("Interrupted", StringComparison.Ordinal))
                    continue; // its effect is unknown, and the model was told so
                Assert.Contains($"done-{k + 1}", text);
                Assert.Equal(1, log.Count(l => l == $"step{k + 1}")); // a step acknowledged as done is in the log
            }

            Assert.Equal("Resumed and checked.", resumed.Result.GetProperty("text").GetString());
            if (after is null)
                Assert.Equal(Steps, log.Length);
            else if (log.Length is > 0 and < Steps)
                midway++;
        }

        Assert.True(midway > 0, "no kill landed in the middle of the trajectory; the kill points need adjusting");
    }
}
