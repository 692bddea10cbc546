using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// Every hook event, configured in the user's config.json, through the real binary: each one's effect is checked in
/// what the model was sent (aimock's journal), in the workspace, or in the payload the hook command received.
/// </summary>
public sealed class HookEventTests
{
    private const string Model = "deepseek/deepseek-chat";

    private static WrightProcess Wright(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    private static string Quote(string text) => JsonSerializer.Serialize(text, TestJson.Default.String);

    /// <summary>Writes $WRIGHT_HOME/config.json with one command hook per (event, matcher, command).</summary>
    private static void ConfigureHooks(WrightProcess wright, params (string Event, string? Matcher, string Command)[] hooks)
    {
        var entries = hooks.GroupBy(h => h.Event).Select(g => $"{Quote(g.Key)}:[" + string.Join(",", g.Select(h =>
            $$"""{"matcher":{{(h.Matcher is null ? "null" : Quote(h.Matcher))}},"hooks":[{"type":"command","command":{{Quote(h.Command)}},"timeout":20}]}""")) + "]");
        File.WriteAllText(Path.Combine(wright.Home, "config.json"), "{\"hooks\":{" + string.Join(",", entries) + "}}");
    }

    private static List<JsonElement> ChatRequests(JsonElement journal) =>
        journal.EnumerateArray().Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions").ToList();

    private static IEnumerable<JsonElement> Messages(JsonElement request) => request.GetProperty("body").GetProperty("messages").EnumerateArray();

    private static string? Text(JsonElement message) =>
        message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;

    [Fact]
    public async Task Session_start_prompt_submit_pre_and_post_tool_use_and_stop_hooks_all_take_effect()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"run the checks"},"response":{"content":"Checked."}},
              {"match":{"userMessage":"make it","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"a.txt\",\"content\":\"from the model\\n\"}"}]}},
              {"match":{"userMessage":"make it","hasToolResult":true},"response":{"content":"Wrote it."}}
            ]}
            """);
        using var wright = Wright(mock);
        var payloads = Path.Combine(wright.Root, "payloads");
        Directory.CreateDirectory(payloads);
        const string Rewrite = """{"hookSpecificOutput":{"hookEventName":"PreToolUse","updatedInput":{"path":"a.txt","content":"from the hook\n"}}}""";
        ConfigureHooks(wright,
            ("SessionStart", null, "echo 'branch: hook-main'"),
            ("UserPromptSubmit", null, $"cat > '{payloads}/prompt.json'; echo 'time: hook-noon'"),
            ("PreToolUse", "write_file", $"cat > '{payloads}/pre.json'; echo '{Rewrite}'"),
            ("PostToolUse", "write_file", $"cat > '{payloads}/post.json'; echo 'lint: 2 warnings' >&2; exit 2"),
            ("Stop", null, $"cat >> '{payloads}/stop.jsonl'; echo >> '{payloads}/stop.jsonl'; if grep -q '\"stop_hook_active\":true' '{payloads}/stop.jsonl'; then exit 0; fi; echo 'run the checks' >&2; exit 2"));

        var run = await wright.RunAsync("-p", "make it", "--model", Model, "--permission-mode", "accept-edits", "--output-format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Checked.", run.Result.GetProperty("text").GetString());

        var requests = ChatRequests(await mock.JournalAsync());
        Assert.Equal(3, requests.Count);
        // SessionStart and UserPromptSubmit: their output joins the first prompt as context.
        var first = Messages(requests[0]).Last(m => m.GetProperty("role").GetString() == "user");
        Assert.Equal("make it\n\n<hook-context>\nbranch: hook-main\ntime: hook-noon\n</hook-context>", Text(first));
        using (var prompt = JsonDocument.Parse(File.ReadAllText(Path.Combine(payloads, "prompt.json"))))
            Assert.Equal("make it", prompt.RootElement.GetProperty("prompt").GetString());
        // PreToolUse: its rewrite is what ran.
        Assert.Equal("from the hook\n", File.ReadAllText(wright.File("a.txt")));
        using (var pre = JsonDocument.Parse(File.ReadAllText(Path.Combine(payloads, "pre.json"))))
        {
            Assert.Equal("write_file", pre.RootElement.GetProperty("tool_name").GetString());
            Assert.Equal("from the model\n", pre.RootElement.GetProperty("tool_input").GetProperty("content").GetString());
        }

        // PostToolUse: its feedback reaches the model with the tool's result.
        var toolResult = Messages(requests[1]).Last(m => m.GetProperty("role").GetString() == "tool");
        Assert.Contains("[PostToolUse hook] lint: 2 warnings", Text(toolResult));
        using (var post = JsonDocument.Parse(File.ReadAllText(Path.Combine(payloads, "post.json"))))
            Assert.Equal("from the hook\n", post.RootElement.GetProperty("tool_input").GetProperty("content").GetString());
        // Stop: the first stop was turned into another turn with the hook's reason; the second was let through.
        Assert.Equal("run the checks", Text(Messages(requests[2]).Last()));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(payloads, "stop.jsonl")).Count(l => l.Length > 0));
    }

    [Fact]
    public async Task A_pre_compact_hook_runs_before_a_manual_compaction()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"hello"},"response":{"content":"Hi."}}]}
            """);
        using var wright = Wright(mock);
        var payload = Path.Combine(wright.Root, "precompact.json");
        ConfigureHooks(wright, ("PreCompact", null, $"cat > '{payload}'"));
        Assert.Equal(0, (await wright.RunAsync("-p", "hello", "--model", Model)).ExitCode);
        Assert.False(File.Exists(payload));

        var compact = await wright.RunAsync("-c", "-p", "/compact");
        Assert.True(compact.ExitCode == 0, compact.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(payload));
        Assert.Equal("PreCompact", json.RootElement.GetProperty("hook_event_name").GetString());
        Assert.Equal("manual", json.RootElement.GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task A_subagent_stop_hook_sees_the_subagents_report_and_the_subagent_is_a_child_session_in_the_store()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"inspect the parser"},"response":{"content":"The parser is fine."}},
              {"match":{"userMessage":"delegate it","hasToolResult":false},"response":{"toolCalls":[{"name":"task","arguments":"{\"description\":\"inspect\",\"prompt\":\"inspect the parser\"}"}]}},
              {"match":{"userMessage":"delegate it","hasToolResult":true},"response":{"content":"Delegated and done."}}
            ]}
            """);
        using var wright = Wright(mock);
        var payload = Path.Combine(wright.Root, "subagent-stop.json");
        ConfigureHooks(wright, ("SubagentStop", null, $"cat > '{payload}'"), ("Stop", null, $"echo stop >> '{wright.Root}/stops.txt'"));

        var run = await wright.RunAsync("-p", "delegate it", "--model", Model, "--permission-mode", "plan", "--output-format", "stream-json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Delegated and done.", run.Result.GetProperty("text").GetString());
        using (var json = JsonDocument.Parse(File.ReadAllText(payload)))
        {
            Assert.Equal("SubagentStop", json.RootElement.GetProperty("hook_event_name").GetString());
            Assert.Equal("The parser is fine.", json.RootElement.GetProperty("last_assistant_message").GetString());
        }

        // Stop ran once, for the parent only.
        Assert.Equal(["stop"], File.ReadAllLines(Path.Combine(wright.Root, "stops.txt")));

        // The subagent is a session of its own, journaled with its parent.
        var parentId = run.Result.GetProperty("session_id").GetString()!;
        var childId = run.Events("subagent").Select(e => e.GetProperty("event").GetProperty("session_id").GetString()).Distinct().Single()!;
        Assert.NotEqual(parentId, childId);
        var sessions = await wright.RunAsync("sessions");
        var lines = sessions.Stdout.Split('\n');
        var parentLine = Array.FindIndex(lines, l => l.StartsWith(parentId, StringComparison.Ordinal));
        Assert.True(parentLine > 0, sessions.ToString());
        Assert.StartsWith("  └ " + childId, lines[parentLine + 1]);
        Assert.Contains("subagent general: inspect the parser", lines[parentLine + 1]);
        var export = await wright.RunAsync("export", childId);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("The parser is fine.", export.Stdout);
        // -c continues the parent, never its subagent.
        Assert.Equal(parentId, (await wright.RunAsync("-c", "-p", "delegate it", "--output-format", "json")).Result.GetProperty("session_id").GetString());
    }
}
