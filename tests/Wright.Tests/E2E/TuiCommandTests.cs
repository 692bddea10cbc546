using Wright.Sessions.Store;

namespace Wright.Tests.E2E;

/// <summary>Custom commands and model switches in the interactive session (real binary in tmux, aimock).</summary>
public sealed class TuiCommandTests
{
    private const string Model = "deepseek/deepseek-chat";

    [Fact]
    public async Task A_custom_command_runs_its_turn_on_its_model_with_its_allowed_tools_and_then_both_are_undone()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"Create the marker","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"touch marker.txt\"}"}]}},
              {"match":{"userMessage":"Create the marker","hasToolResult":true},"response":{"content":"Marker created."}},
              {"match":{"userMessage":"touch another","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"touch other.txt\"}"}]}},
              {"match":{"userMessage":"touch another","hasToolResult":true},"response":{"content":"Left it alone."}}
            ]}
            """);
        using var wright = new WrightProcess();
        Directory.CreateDirectory(Path.Combine(wright.Home, "commands"));
        File.WriteAllText(Path.Combine(wright.Home, "commands", "mark.md"),
            "---\ndescription: Make a marker file\nmodel: deepseek/deepseek-reasoner\nallowed-tools: shell(touch *)\n---\nCreate the marker $ARGUMENTS");
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);

        // The command's allowed-tools let `touch` run without a dialog, on the command's model.
        await tmux.SubmitAsync("/mark now");
        var screen = await tmux.WaitForAsync("Marker created.");
        Assert.Contains("/mark runs on deepseek/deepseek-reasoner for this turn", screen);
        Assert.DoesNotContain("[n] no", screen);
        Assert.True(File.Exists(wright.File("marker.txt")));

        // After the turn the grant is gone (touch asks again) and the session's model is back.
        await tmux.SubmitAsync("touch another");
        await tmux.WaitForAsync("[n] no");
        await tmux.SubmitAsync("n");
        await tmux.WaitForAsync("Left it alone.");
        Assert.False(File.Exists(wright.File("other.txt")));

        var models = (await mock.JournalAsync()).EnumerateArray()
            .Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions")
            .Select(e => e.GetProperty("body").GetProperty("model").GetString()).ToList();
        Assert.Equal(["deepseek-reasoner", "deepseek-reasoner", "deepseek-chat", "deepseek-chat"], models);
    }

    [Fact]
    public async Task Slash_model_is_stored_so_continuing_the_session_uses_the_new_model()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"first"},"response":{"content":"First reply."}},
              {"match":{"userMessage":"second"},"response":{"content":"Second reply."}},
              {"match":{"userMessage":"third"},"response":{"content":"Third reply."}}
            ]}
            """);
        using var wright = new WrightProcess();
        await using (var tmux = await Tmux.StartAsync(wright, mock, "--model", Model))
        {
            await tmux.WaitForAsync("\n›");
            await tmux.SubmitAsync("first");
            await tmux.WaitForAsync("First reply.");
            // Without an argument: a picker over the known models whose provider has a key here (only DeepSeek's).
            await tmux.SubmitAsync("/model");
            var listing = await tmux.WaitForAsync("deepseek/deepseek-reasoner");
            Assert.Contains("Choose a model (now deepseek/deepseek-chat):", listing);
            Assert.Contains("› deepseek/deepseek-chat", listing);
            Assert.DoesNotContain("anthropic/", listing);
            await tmux.KeysAsync("Escape");
            await tmux.WaitForAsync("(unchanged)");
            await tmux.SubmitAsync("/model deepseek/deepseek-reasoner");
            await tmux.WaitForAsync("model: deepseek/deepseek-reasoner");
            await tmux.SubmitAsync("second");
            await tmux.WaitForAsync("Second reply.");
            await tmux.KeysAsync("C-d");
            await tmux.WaitForAsync("[exit 0]");
        }

        using (var store = SessionStore.Open(Path.Combine(wright.Home, "wright.db")))
        {
            var session = Assert.Single(store.List());
            Assert.Equal("deepseek/deepseek-reasoner", session.Model);
            Assert.Equal(["deepseek/deepseek-chat", "deepseek/deepseek-reasoner"],
                store.CostByDayAndModel().Select(row => row.Model).Distinct().Order(StringComparer.Ordinal).ToList());
        }

        wright.Environment["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1";
        wright.Environment["DEEPSEEK_API_KEY"] = "k";
        var resumed = await wright.RunAsync("-c", "-p", "third");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("Third reply.", resumed.Stdout);
        var last = (await mock.JournalAsync()).EnumerateArray().Last(e => e.GetProperty("path").GetString() == "/v1/chat/completions");
        Assert.Equal("deepseek-reasoner", last.GetProperty("body").GetProperty("model").GetString());
        var contents = last.GetProperty("body").GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() != "system").Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Equal(["first", "First reply.", "second", "Second reply.", "third"], contents);
    }

    [Fact]
    public async Task Slash_context_shows_what_fills_the_context()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"read notes","hasToolResult":false},"response":{"toolCalls":[{"name":"read_file","arguments":"{\"path\":\"notes.txt\"}"}]}},
              {"match":{"userMessage":"read notes","hasToolResult":true},"response":{"content":"Read them."}}
            ]}
            """);
        using var wright = new WrightProcess();
        wright.Environment["OPENAI_API_KEY"] = "k";
        wright.Environment["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1";
        File.WriteAllText(wright.File("notes.txt"), string.Concat(Enumerable.Repeat("登录超时 session token expired; refresh it.\n", 300)));
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("read notes");
        await tmux.WaitForAsync("Read them.");
        await tmux.SubmitAsync("/context");
        var screen = await tmux.WaitForAsync("largest items:");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        screen = await tmux.ScreenAsync();
        Assert.Matches(@"context: about [\d,]+ of 128,000 tokens \(\d+%\) in 5 messages", screen);
        foreach (var kind in new[] { "system prompt", "tool definitions", "your messages", "model's answers", "tool calls", "tool results" })
            Assert.Contains("  " + kind, screen);
        var largest = screen[screen.IndexOf("largest items:", StringComparison.Ordinal)..].Split('\n')[1];
        Assert.Matches(@"^  tool results\s+[\d,]+ tokens  read_file", largest);

        // Another model, another window: the status line, /context and the compaction threshold follow it.
        await tmux.SubmitAsync("/model openai/gpt-4.1");
        await tmux.WaitForAsync("model: openai/gpt-4.1");
        await tmux.SubmitAsync("/context");
        await tmux.WaitForAsync("of 1,047,576 tokens");
    }
}
