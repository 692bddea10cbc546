using System.Text.Json.Nodes;
using Wright.Tests.E2E;

namespace Wright.Tests.Acp;

/// <summary>
/// <c>wright acp</c> with a client that offers its file system (<c>fs/read_text_file</c>, <c>fs/write_text_file</c>):
/// the file tools read the editor's buffers and their edits go to the editor, while permissions, protected paths and
/// the checks on the disk stay as they are; without <c>fs</c> the tools use the disk; a client error is a tool error.
/// Commands never go to the client's terminals. The real dist/wright against aimock, every message schema-checked.
/// </summary>
public sealed class AcpClientFilesTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"fix notes","hasToolResult":false},"response":{"toolCalls":[
            {"name":"read_file","arguments":"{\"path\":\"notes.txt\"}"},
            {"name":"edit_file","arguments":"{\"path\":\"notes.txt\",\"old_string\":\"buffer line\",\"new_string\":\"edited line\"}"}]}},
          {"match":{"userMessage":"fix notes","hasToolResult":true},"response":{"content":"Fixed the notes."}},
          {"match":{"userMessage":"patch notes","hasToolResult":false},"response":{"toolCalls":[
            {"name":"apply_patch","arguments":"{\"patch\":\"*** Begin Patch\\n*** Update File: notes.txt\\n@@\\n-edited line\\n+patched line\\n*** Add File: added.txt\\n+added line\\n*** End Patch\"}"},
            {"name":"write_file","arguments":"{\"path\":\"fresh/new.txt\",\"content\":\"fresh line\\n\"}"}]}},
          {"match":{"userMessage":"patch notes","hasToolResult":true},"response":{"content":"Patched."}},
          {"match":{"userMessage":"final notes","hasToolResult":false},"response":{"toolCalls":[
            {"name":"read_file","arguments":"{\"path\":\"notes.txt\"}"},
            {"name":"edit_file","arguments":"{\"path\":\"notes.txt\",\"old_string\":\"patched line\",\"new_string\":\"final line\"}"}]}},
          {"match":{"userMessage":"final notes","hasToolResult":true},"response":{"content":"Final."}},
          {"match":{"userMessage":"touch config","hasToolResult":false},"response":{"toolCalls":[
            {"name":"write_file","arguments":"{\"path\":\".git/config\",\"content\":\"[core]\\n\\thooksPath = /tmp/evil\\n\"}"},
            {"name":"write_file","arguments":"{\"path\":\".wright/config.json\",\"content\":\"{\\\"permission_mode\\\":\\\"yolo\\\"}\"}"}]}},
          {"match":{"userMessage":"touch config","hasToolResult":true},"response":{"content":"Tried."}}
        ]}
        """;

    private static WrightProcess Wright(AimockServer mock) =>
        new() { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };

    /// <summary>A scripted editor: buffers by absolute path (a path without one reads the disk), writes kept in the buffers only.</summary>
    private sealed class Editor
    {
        private readonly Lock _gate = new();

        public Dictionary<string, string> Buffers { get; } = new(StringComparer.Ordinal);

        public List<JsonObject> FsRequests { get; } = [];

        /// <summary>Save a written buffer to the disk, as Zed does.</summary>
        public bool Saves { get; init; }

        /// <summary>Allow what the agent asks (else reject it).</summary>
        public bool Allow { get; set; }

        /// <summary>Answer fs/read_text_file with a JSON-RPC error.</summary>
        public bool FailReads { get; init; }

        /// <summary>Answer fs/write_text_file with a JSON-RPC error.</summary>
        public bool FailWrites { get; init; }

        public JsonNode? Answer(string method, JsonObject p)
        {
            lock (_gate)
            {
                if (method.StartsWith("fs/", StringComparison.Ordinal))
                    FsRequests.Add((JsonObject)p.DeepClone());
                var path = p["path"]?.GetValue<string>() ?? "";
                switch (method)
                {
                    case "fs/read_text_file" when !FailReads:
                        return new JsonObject { ["content"] = Buffers.TryGetValue(path, out var text) ? text : File.ReadAllText(path) };
                    case "fs/write_text_file" when !FailWrites:
                        Buffers[path] = p["content"]!.GetValue<string>();
                        if (Saves)
                            File.WriteAllText(path, Buffers[path]);
                        return new JsonObject();
                    case "session/request_permission":
                        var kind = Allow ? "allow_once" : "reject_once";
                        var option = p["options"]!.AsArray().First(o => o!["kind"]!.GetValue<string>() == kind)!["optionId"]!.GetValue<string>();
                        return new JsonObject { ["outcome"] = new JsonObject { ["outcome"] = "selected", ["optionId"] = option } };
                    default:
                        return null; // the test client answers with a JSON-RPC error
                }
            }
        }
    }

    private static async Task<string> StartAsync(AcpClient client, WrightProcess wright, bool fs)
    {
        var init = await client.RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = 1,
            ["clientCapabilities"] = new JsonObject { ["fs"] = new JsonObject { ["readTextFile"] = fs, ["writeTextFile"] = fs }, ["terminal"] = true },
            ["clientInfo"] = new JsonObject { ["name"] = "scripted-editor", ["version"] = "1" },
        });
        Assert.NotNull(init["result"]);
        var created = await client.RequestAsync("session/new", new JsonObject { ["cwd"] = wright.Workspace, ["mcpServers"] = new JsonArray() });
        Assert.True(created["result"] is not null, created.ToJsonString());
        return created["result"]!["sessionId"]!.GetValue<string>();
    }

    private static async Task<string> StopReasonAsync(AcpClient client, string session, string text)
    {
        var answer = await client.RequestAsync("session/prompt", new JsonObject
        {
            ["sessionId"] = session,
            ["prompt"] = new JsonArray((JsonNode)new JsonObject { ["type"] = "text", ["text"] = text }),
        });
        Assert.True(answer["result"] is not null, answer.ToJsonString());
        return answer["result"]!["stopReason"]!.GetValue<string>();
    }

    /// <summary>The tool results the model was sent in the last request aimock saw.</summary>
    private static async Task<string> LastToolResultsAsync(AimockServer mock)
    {
        var last = (await mock.JournalAsync()).EnumerateArray().Last();
        return string.Join("\n", last.GetProperty("body").GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("content").ToString()));
    }

    private static async Task AssertValidAsync(AcpClient client)
    {
        var (exit, report) = await client.ValidateAsync();
        Assert.True(exit == 0, report);
        Assert.DoesNotContain("\"checked\": 0", report, StringComparison.Ordinal);
        Assert.DoesNotContain(client.Received, m => m["method"]?.GetValue<string>() is { } method && method.StartsWith("terminal/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reads_see_the_editor_buffer_and_edits_go_to_the_editor_not_the_disk()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = Wright(mock);
        File.WriteAllText(wright.File("notes.txt"), "disk line\n");
        var editor = new Editor { Buffers = { [wright.File("notes.txt")] = "buffer line\n" } };
        await using var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat", "--permission-mode", "accept-edits") { OnRequest = (m, p) => editor.Answer(m, p) };
        var session = await StartAsync(client, wright, fs: true);

        Assert.Equal("end_turn", await StopReasonAsync(client, session, "fix notes"));
        var results = await LastToolResultsAsync(mock);
        Assert.Contains("buffer line", results, StringComparison.Ordinal);
        Assert.DoesNotContain("disk line", results, StringComparison.Ordinal);
        Assert.Contains("Edited notes.txt", results, StringComparison.Ordinal);
        var read = editor.FsRequests.First(r => !r.ContainsKey("content"));
        Assert.Equal(session, read["sessionId"]!.GetValue<string>());
        Assert.Equal(wright.File("notes.txt"), read["path"]!.GetValue<string>());
        var write = editor.FsRequests.Last(r => r.ContainsKey("content"));
        Assert.Equal(wright.File("notes.txt"), write["path"]!.GetValue<string>());
        Assert.Equal("edited line\n", write["content"]!.GetValue<string>());
        // Saving is the editor's job: Wright itself left the disk alone.
        Assert.Equal("disk line\n", File.ReadAllText(wright.File("notes.txt")));

        // apply_patch reads the editor's text and writes through it; write_file creates through it (the folder on disk).
        Assert.Equal("end_turn", await StopReasonAsync(client, session, "patch notes"));
        Assert.Equal("patched line\n", editor.Buffers[wright.File("notes.txt")]);
        Assert.Equal("added line\n", editor.Buffers[wright.File("added.txt")]);
        Assert.Equal("fresh line\n", editor.Buffers[wright.File("fresh/new.txt")]);
        Assert.False(File.Exists(wright.File("added.txt")));
        Assert.False(File.Exists(wright.File("fresh/new.txt")));
        Assert.Equal("disk line\n", File.ReadAllText(wright.File("notes.txt")));

        // In ask mode the edit is put to the person with a diff that starts from the editor's text, not the disk's.
        Assert.NotNull((await client.RequestAsync("session/set_mode", new JsonObject { ["sessionId"] = session, ["modeId"] = "ask" }))["result"]);
        editor.Allow = true;
        Assert.Equal("end_turn", await StopReasonAsync(client, session, "final notes"));
        var asked = client.Received.Last(m => m["method"]?.GetValue<string>() == "session/request_permission")["params"]!["toolCall"]!;
        var diff = asked["content"]!.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == "diff");
        Assert.True(diff is not null, asked.ToJsonString());
        Assert.Equal("patched line\n", diff["oldText"]!.GetValue<string>());
        Assert.Equal("final line\n", diff["newText"]!.GetValue<string>());
        Assert.Equal("final line\n", editor.Buffers[wright.File("notes.txt")]);

        Assert.Equal(0, await client.CloseAsync());
        await AssertValidAsync(client);
    }

    [Fact]
    public async Task An_edit_the_editor_saved_is_undone_by_rewind_like_one_on_the_disk()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = Wright(mock);
        File.WriteAllText(wright.File("notes.txt"), "buffer line\n");
        var editor = new Editor { Saves = true };
        await using (var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat", "--permission-mode", "accept-edits") { OnRequest = (m, p) => editor.Answer(m, p) })
        {
            var session = await StartAsync(client, wright, fs: true);
            Assert.Equal("end_turn", await StopReasonAsync(client, session, "fix notes"));
            Assert.Contains(editor.FsRequests, r => r.ContainsKey("content"));
            Assert.Equal(0, await client.CloseAsync());
            await AssertValidAsync(client);
        }

        // The turn's checkpoint was taken on the disk before its first mutating call, as for any turn.
        Assert.Equal("edited line\n", File.ReadAllText(wright.File("notes.txt")));
        var rewind = await wright.RunAsync("rewind", "1", "--files");
        Assert.True(rewind.ExitCode == 0, rewind.Stderr);
        Assert.Equal("buffer line\n", File.ReadAllText(wright.File("notes.txt")));
    }

    [Fact]
    public async Task A_protected_path_is_refused_before_any_write_reaches_the_editor()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = Wright(mock);
        Directory.CreateDirectory(wright.File(".git"));
        File.WriteAllText(wright.File(".git/config"), "[core]\n");
        var editor = new Editor();
        await using var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat", "--permission-mode", "accept-edits") { OnRequest = (m, p) => editor.Answer(m, p) };
        var session = await StartAsync(client, wright, fs: true);

        Assert.Equal("end_turn", await StopReasonAsync(client, session, "touch config"));
        // Even in accept-edits, both writes were put to the person (protected), who refused; the editor saw nothing.
        var asked = client.Received.Where(m => m["method"]?.GetValue<string>() == "session/request_permission").ToList();
        Assert.Equal(2, asked.Count);
        Assert.Empty(editor.FsRequests);
        Assert.Equal("[core]\n", File.ReadAllText(wright.File(".git/config")));
        Assert.False(File.Exists(wright.File(".wright/config.json")));
        var failed = client.Updates(session).Where(u => u["sessionUpdate"]!.GetValue<string>() == "tool_call_update" && u["status"] is not null).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, u => Assert.Equal("failed", u["status"]!.GetValue<string>()));

        Assert.Equal(0, await client.CloseAsync());
        await AssertValidAsync(client);
    }

    [Fact]
    public async Task Without_fs_the_tools_read_and_write_the_disk()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = Wright(mock);
        File.WriteAllText(wright.File("notes.txt"), "buffer line\n");
        var editor = new Editor { Buffers = { [wright.File("notes.txt")] = "never asked\n" } };
        await using var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat", "--permission-mode", "accept-edits") { OnRequest = (m, p) => editor.Answer(m, p) };
        var session = await StartAsync(client, wright, fs: false);

        Assert.Equal("end_turn", await StopReasonAsync(client, session, "fix notes"));
        Assert.Contains("buffer line", await LastToolResultsAsync(mock), StringComparison.Ordinal);
        Assert.Equal("edited line\n", File.ReadAllText(wright.File("notes.txt")));
        Assert.Empty(editor.FsRequests);
        Assert.DoesNotContain(client.Received, m => m["method"]?.GetValue<string>() is { } method && method.StartsWith("fs/", StringComparison.Ordinal));

        Assert.Equal(0, await client.CloseAsync());
        await AssertValidAsync(client);
    }

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    public async Task A_client_fs_error_gives_the_model_a_clear_tool_error_and_the_turn_goes_on(string failing)
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = Wright(mock);
        File.WriteAllText(wright.File("notes.txt"), "buffer line\n");
        var editor = new Editor { FailReads = failing == "read", FailWrites = failing == "write" };
        await using var client = new AcpClient(wright, "--model", "deepseek/deepseek-chat", "--permission-mode", "accept-edits") { OnRequest = (m, p) => editor.Answer(m, p) };
        var session = await StartAsync(client, wright, fs: true);

        Assert.Equal("end_turn", await StopReasonAsync(client, session, "fix notes"));
        var results = await LastToolResultsAsync(mock);
        var method = failing == "read" ? "fs/read_text_file" : "fs/write_text_file";
        Assert.Contains($"the editor answered {method} with an error: not supported by the test client", results, StringComparison.Ordinal);
        if (failing == "write")
            Assert.Contains("nothing was edited", results, StringComparison.Ordinal);
        Assert.Equal("buffer line\n", File.ReadAllText(wright.File("notes.txt")));
        var updates = client.Updates(session).Where(u => u["sessionUpdate"]!.GetValue<string>() == "tool_call_update" && u["status"] is not null).ToList();
        Assert.Contains(updates, u => u["status"]!.GetValue<string>() == "failed");

        Assert.Equal(0, await client.CloseAsync());
        await AssertValidAsync(client);
    }
}
