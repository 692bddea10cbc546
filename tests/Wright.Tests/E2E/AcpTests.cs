using System.Text.Json.Nodes;

namespace Wright.Tests.E2E;

/// <summary>
/// <c>wright acp</c> driven by a scripted ACP client over stdio against aimock: initialize, new, prompt with tool calls,
/// each permission answer, cancel mid-stream, set_mode, load of a stored session, malformed input. Every message Wright
/// sends is checked against the ACP schema of @agentclientprotocol/sdk.
/// </summary>
public sealed class AcpTests
{
    private static readonly string[] Ways = ["once", "always", "reject", "never"];

    private static string Fixtures()
    {
        var fixtures = new List<string>();
        foreach (var n in Ways.Append("plain"))
        {
            foreach (var (verb, content) in new[] { ("make", "first"), ("redo", "second") })
            {
                fixtures.Add($$$"""{"match":{"userMessage":"{{{verb}}} {{{n}}}","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"{{{n}}}.txt\",\"content\":\"{{{content}}}\\n\"}"}]}}""");
                fixtures.Add($$$"""{"match":{"userMessage":"{{{verb}}} {{{n}}}","hasToolResult":true},"response":{"content":"Did {{{verb}}} {{{n}}}."}}""");
            }
        }

        fixtures.Add("""{"match":{"userMessage":"slow story"},"response":{"content":"Once upon a time there was a very long story that streams slowly, word by word, so that it can be cancelled in the middle of it all."},"chunkSize":4,"latency":300}""");
        fixtures.Add("""{"match":{"userMessage":"cut short"},"response":{"content":"This answer is cut","finishReason":"length"}}""");
        fixtures.Add("""{"match":{"userMessage":"hello"},"response":{"content":"Hello there."}}""");
        return """{"fixtures":[""" + string.Join(",\n", fixtures) + "]}";
    }

    private static WrightProcess Wright(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    private static async Task<string> StartAsync(AcpClient client, WrightProcess wright)
    {
        var init = await client.RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = 1,
            ["clientCapabilities"] = new JsonObject { ["fs"] = new JsonObject { ["readTextFile"] = false, ["writeTextFile"] = false }, ["terminal"] = false },
            ["clientInfo"] = new JsonObject { ["name"] = "scripted", ["version"] = "1" },
        });
        Assert.Equal(1, init["result"]!["protocolVersion"]!.GetValue<int>());
        var capabilities = init["result"]!["agentCapabilities"]!;
        Assert.True(capabilities["loadSession"]!.GetValue<bool>());
        Assert.True(capabilities["promptCapabilities"]!["embeddedContext"]!.GetValue<bool>());
        Assert.True(capabilities["mcpCapabilities"]!["http"]!.GetValue<bool>());
        Assert.True(capabilities["mcpCapabilities"]!["sse"]!.GetValue<bool>());
        return await NewSessionAsync(client, wright);
    }

    private static async Task<string> NewSessionAsync(AcpClient client, WrightProcess wright)
    {
        var created = await client.RequestAsync("session/new", new JsonObject { ["cwd"] = wright.Workspace, ["mcpServers"] = new JsonArray() });
        Assert.True(created["result"] is not null, created.ToJsonString());
        var modes = created["result"]!["modes"]!;
        Assert.Equal("ask", modes["currentModeId"]!.GetValue<string>());
        Assert.Contains("accept-edits", modes["availableModes"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        return created["result"]!["sessionId"]!.GetValue<string>();
    }

    private static JsonObject Prompt(string session, string text) =>
        new() { ["sessionId"] = session, ["prompt"] = new JsonArray((JsonNode)new JsonObject { ["type"] = "text", ["text"] = text }) };

    private static async Task<string> StopReasonAsync(AcpClient client, string session, string text)
    {
        var answer = await client.RequestAsync("session/prompt", Prompt(session, text));
        Assert.True(answer["result"] is not null, answer.ToJsonString());
        return answer["result"]!["stopReason"]!.GetValue<string>();
    }

    private static async Task AssertValidAsync(AcpClient client)
    {
        var (exit, report) = await client.ValidateAsync();
        Assert.True(exit == 0, report);
        Assert.DoesNotContain("\"checked\": 0", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_call_streams_as_tool_call_updates_and_each_permission_answer_is_honoured()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures());
        using var wright = Wright(mock);
        await using var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat");
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var asked = new List<string>();
        client.OnRequest = (method, p) =>
        {
            if (method != "session/request_permission")
                return null;
            var session = p["sessionId"]!.GetValue<string>();
            lock (asked)
                asked.Add(session);
            var kinds = p["options"]!.AsArray().Select(o => o!["kind"]!.GetValue<string>()).ToList();
            Assert.Equal(["allow_once", "allow_always", "reject_once", "reject_always"], kinds);
            Assert.Equal("edit", p["toolCall"]!["kind"]!.GetValue<string>());
            var way = answers[session];
            var kind = way switch { "once" => "allow_once", "always" => "allow_always", "reject" => "reject_once", _ => "reject_always" };
            var option = p["options"]!.AsArray().First(o => o!["kind"]!.GetValue<string>() == kind)!["optionId"]!.GetValue<string>();
            return new JsonObject { ["outcome"] = new JsonObject { ["outcome"] = "selected", ["optionId"] = option } };
        };

        var first = await StartAsync(client, wright);
        var sessions = new Dictionary<string, string>(StringComparer.Ordinal) { ["once"] = first };
        foreach (var way in Ways.Skip(1))
            sessions[way] = await NewSessionAsync(client, wright);
        foreach (var (way, session) in sessions)
            answers[session] = way;

        foreach (var (way, session) in sessions)
        {
            Assert.Equal("end_turn", await StopReasonAsync(client, session, "make " + way));
            Assert.Equal("end_turn", await StopReasonAsync(client, session, "redo " + way));
        }

        int Asked(string way)
        {
            lock (asked)
                return asked.Count(s => s == sessions[way]);
        }

        // allow once: asked both times; allow always: asked once (the session rule covers the second write).
        Assert.Equal(2, Asked("once"));
        Assert.Equal("second\n", File.ReadAllText(wright.File("once.txt")));
        Assert.Equal(1, Asked("always"));
        Assert.Equal("second\n", File.ReadAllText(wright.File("always.txt")));
        // reject once: asked both times, nothing written; reject always: asked once, the second call refused unasked.
        Assert.Equal(2, Asked("reject"));
        Assert.False(File.Exists(wright.File("reject.txt")));
        Assert.Equal(1, Asked("never"));
        Assert.False(File.Exists(wright.File("never.txt")));

        var updates = client.Updates(sessions["once"]);
        var call = updates.First(u => u["sessionUpdate"]!.GetValue<string>() == "tool_call");
        Assert.Equal("edit", call["kind"]!.GetValue<string>());
        Assert.Equal("Write once.txt", call["title"]!.GetValue<string>());
        Assert.Equal(wright.File("once.txt"), call["locations"]![0]!["path"]!.GetValue<string>());
        var diff = call["content"]!.AsArray().First(c => c!["type"]!.GetValue<string>() == "diff")!;
        Assert.Equal("first\n", diff["newText"]!.GetValue<string>());
        var done = updates.Last(u => u["sessionUpdate"]!.GetValue<string>() == "tool_call_update" && u["status"] is not null
            && u["toolCallId"]!.GetValue<string>() == call["toolCallId"]!.GetValue<string>());
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Contains("Did make once.", string.Concat(updates.Where(u => u["sessionUpdate"]!.GetValue<string>() == "agent_message_chunk")
            .Select(u => u["content"]!["text"]!.GetValue<string>())), StringComparison.Ordinal);
        Assert.Contains(updates, u => u["sessionUpdate"]!.GetValue<string>() == "available_commands_update");
        var refused = client.Updates(sessions["never"]).Where(u => u["sessionUpdate"]!.GetValue<string>() == "tool_call_update" && u["status"] is not null).ToList();
        Assert.All(refused, u => Assert.Equal("failed", u["status"]!.GetValue<string>()));
        Assert.Equal(2, refused.Count);

        Assert.Equal(0, await client.CloseAsync());
        await AssertValidAsync(client);
    }

    [Fact]
    public async Task Cancel_mid_stream_answers_cancelled_at_once_and_the_session_goes_on()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures());
        using var wright = Wright(mock);
        await using var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat");
        var session = await StartAsync(client, wright);

        var id = await client.SendRequestAsync("session/prompt", Prompt(session, "slow story"));
        await client.WaitForAsync(m => m["params"]?["update"]?["sessionUpdate"]?.GetValue<string>() == "agent_message_chunk", "a first chunk");
        var cancelledAt = DateTime.UtcNow;
        await client.NotifyAsync("session/cancel", new JsonObject { ["sessionId"] = session });
        var answer = await client.AnswerOfAsync(id);
        Assert.Equal("cancelled", answer["result"]!["stopReason"]!.GetValue<string>());
        Assert.True(DateTime.UtcNow - cancelledAt < TimeSpan.FromSeconds(5), "the prompt answered long after the cancel");
        var text = string.Concat(client.Updates(session).Where(u => u["sessionUpdate"]!.GetValue<string>() == "agent_message_chunk")
            .Select(u => u["content"]!["text"]!.GetValue<string>()));
        Assert.StartsWith("Once", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cancelled in the middle of it all.", text, StringComparison.Ordinal);

        Assert.Equal("end_turn", await StopReasonAsync(client, session, "hello"));
        Assert.Equal("max_tokens", await StopReasonAsync(client, session, "cut short"));
        Assert.Equal(0, await client.CloseAsync());
        await AssertValidAsync(client);
    }

    [Fact]
    public async Task Set_mode_changes_the_permission_mode_and_prompts_carry_mentions_and_embedded_files()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures());
        using var wright = Wright(mock);
        File.WriteAllText(wright.File("notes.md"), "on disk\n");
        await using var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat");
        client.OnRequest = (method, _) => throw new InvalidOperationException("accept-edits must not ask: " + method);
        var session = await StartAsync(client, wright);

        var set = await client.RequestAsync("session/set_mode", new JsonObject { ["sessionId"] = session, ["modeId"] = "accept-edits" });
        Assert.NotNull(set["result"]);
        await client.WaitForAsync(m => m["params"]?["update"]?["currentModeId"]?.GetValue<string>() == "accept-edits", "current_mode_update");
        var bad = await client.RequestAsync("session/set_mode", new JsonObject { ["sessionId"] = session, ["modeId"] = "sudo" });
        Assert.Equal(-32602, bad["error"]!["code"]!.GetValue<int>());
        Assert.Contains("unknown mode \"sudo\"", bad["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var prompt = new JsonObject
        {
            ["sessionId"] = session,
            ["prompt"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "make plain, see" },
                new JsonObject { ["type"] = "resource_link", ["uri"] = new Uri(wright.File("notes.md")).AbsoluteUri, ["name"] = "notes.md" },
                new JsonObject
                {
                    ["type"] = "resource",
                    ["resource"] = new JsonObject { ["uri"] = new Uri(wright.File("draft.md")).AbsoluteUri, ["text"] = "unsaved buffer text", ["mimeType"] = "text/markdown" },
                }),
        };
        var answer = await client.RequestAsync("session/prompt", prompt);
        Assert.Equal("end_turn", answer["result"]!["stopReason"]!.GetValue<string>());
        Assert.Equal("first\n", File.ReadAllText(wright.File("plain.txt")));
        var journal = (await mock.JournalAsync()).ToString();
        Assert.Contains("make plain, see @notes.md", journal, StringComparison.Ordinal);
        Assert.Contains("unsaved buffer text", journal, StringComparison.Ordinal);

        Assert.Equal(0, await client.CloseAsync());
        await AssertValidAsync(client);
    }

    [Fact]
    public async Task Load_replays_a_stored_session_as_updates_then_continues_it()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures());
        using var wright = Wright(mock);
        string session;
        await using (var first = new AcpClient(wright, "--model", "deepseek/deepseek-chat", "--permission-mode", "accept-edits"))
        {
            var init = await first.RequestAsync("initialize", new JsonObject { ["protocolVersion"] = 1 });
            Assert.NotNull(init["result"]);
            var created = await first.RequestAsync("session/new", new JsonObject { ["cwd"] = wright.Workspace, ["mcpServers"] = new JsonArray() });
            session = created["result"]!["sessionId"]!.GetValue<string>();
            Assert.Equal("end_turn", await StopReasonAsync(first, session, "make plain"));
            Assert.Equal(0, await first.CloseAsync());
        }

        await using var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat", "--permission-mode", "accept-edits");
        Assert.NotNull((await client.RequestAsync("initialize", new JsonObject { ["protocolVersion"] = 1 }))["result"]);
        var loaded = await client.RequestAsync("session/load", new JsonObject { ["sessionId"] = session, ["cwd"] = wright.Workspace, ["mcpServers"] = new JsonArray() });
        Assert.True(loaded["result"] is not null, loaded.ToJsonString());
        var replay = client.Updates(session);
        var kinds = replay.Select(u => u["sessionUpdate"]!.GetValue<string>()).ToList();
        var user = replay.First(u => u["sessionUpdate"]!.GetValue<string>() == "user_message_chunk");
        Assert.Equal("make plain", user["content"]!["text"]!.GetValue<string>());
        Assert.True(kinds.IndexOf("user_message_chunk") < kinds.IndexOf("tool_call"));
        Assert.True(kinds.IndexOf("tool_call") < kinds.IndexOf("tool_call_update"));
        Assert.Equal("Write plain.txt", replay.First(u => u["sessionUpdate"]!.GetValue<string>() == "tool_call")["title"]!.GetValue<string>());
        Assert.Contains(replay, u => u["sessionUpdate"]!.GetValue<string>() == "agent_message_chunk" && u["content"]!["text"]!.GetValue<string>() == "Did make plain.");

        // It goes on with its history: the next request carries the replayed conversation.
        Assert.Equal("end_turn", await StopReasonAsync(client, session, "make once"));
        Assert.Equal("first\n", File.ReadAllText(wright.File("once.txt")));
        var last = (await mock.JournalAsync()).EnumerateArray().Last().ToString();
        Assert.Contains("make plain", last, StringComparison.Ordinal);
        Assert.Contains("Did make plain.", last, StringComparison.Ordinal);
        var missing = await client.RequestAsync("session/load", new JsonObject { ["sessionId"] = "no-such-session", ["cwd"] = wright.Workspace, ["mcpServers"] = new JsonArray() });
        Assert.NotNull(missing["error"]);
        Assert.Equal(0, await client.CloseAsync());
        await AssertValidAsync(client);
    }

    [Fact]
    public async Task Malformed_input_unknown_methods_and_bad_params_get_json_rpc_errors_and_the_agent_serves_on()
    {
        using var wright = new WrightProcess();
        await using var client = new AcpClient(wright);
        async Task<JsonObject> ErrorOfLineAsync(string line, int code)
        {
            var before = client.Received.Count;
            await client.SendLineAsync(line);
            var error = await client.WaitForAsync(m => m["error"] is not null && client.Received.Skip(before).Contains(m), "an error for " + line);
            Assert.Equal(code, error["error"]!["code"]!.GetValue<int>());
            return error;
        }

        var parse = await ErrorOfLineAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":", -32700);
        Assert.Null(parse["id"]);
        await ErrorOfLineAsync("[1,2]", -32600);
        await ErrorOfLineAsync("42", -32600);
        await ErrorOfLineAsync("""{"id":7,"method":"initialize","params":{}}""", -32600);
        await ErrorOfLineAsync("""{"jsonrpc":"2.0","id":8,"method":3}""", -32600);
        var unknown = await ErrorOfLineAsync("""{"jsonrpc":"2.0","id":9,"method":"session/teleport","params":{}}""", -32601);
        Assert.Equal(9, unknown["id"]!.GetValue<int>());
        await ErrorOfLineAsync("""{"jsonrpc":"2.0","id":10,"method":"session/new","params":{"mcpServers":[]}}""", -32602);
        await ErrorOfLineAsync("""{"jsonrpc":"2.0","id":11,"method":"session/new","params":{"cwd":"relative/dir","mcpServers":[]}}""", -32602);
        await ErrorOfLineAsync("""{"jsonrpc":"2.0","id":12,"method":"session/new","params":"cwd"}""", -32602);
        await ErrorOfLineAsync("""{"jsonrpc":"2.0","id":13,"method":"session/prompt","params":{"sessionId":"nope","prompt":[]}}""", -32002);
        await ErrorOfLineAsync("""{"jsonrpc":"2.0","id":14,"method":"session/new","params":{"cwd":"/","mcpServers":[{"name":"x"}]}}""", -32602);
        // An unknown notification and a cancel of no session are ignored (notifications get no answer).
        await client.SendLineAsync("""{"jsonrpc":"2.0","method":"session/cancel","params":{"sessionId":"nope"}}""");
        await client.SendLineAsync("""{"jsonrpc":"2.0","method":"$/whatever"}""");

        var init = await client.RequestAsync("initialize", new JsonObject { ["protocolVersion"] = 1 });
        Assert.Equal(1, init["result"]!["protocolVersion"]!.GetValue<int>());
        Assert.Equal(0, await client.CloseAsync());
        Assert.All(client.Received, m => Assert.Null(m["not-json"]));
        await AssertValidAsync(client);
    }
}
