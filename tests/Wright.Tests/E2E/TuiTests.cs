using System.Diagnostics;
using System.Text.Json;
using Wright.Cli.Interactive;

namespace Wright.Tests.E2E;

/// <summary>The interactive session through the real binary in tmux (80×30) against aimock.</summary>
public sealed class TuiTests
{
    private const string Model = "deepseek/deepseek-chat";

    [Fact]
    public async Task A_turn_streams_and_the_answer_appears_with_the_status_line()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"hello there"},"response":{"content":"Hi! Here is **bold** and a list:\n- one\n- two"}}]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        Assert.Matches($@"{Model} · ask · context \d+% · \$0\.0000 · sandbox (on|off)", await tmux.ScreenAsync());
        await tmux.SubmitAsync("hello there");
        var screen = await tmux.WaitForAsync("• two");
        Assert.Contains("Hi! Here is bold and a list:", screen);
        Assert.Contains("• one", screen);
        await tmux.KeysAsync("C-d");
        await tmux.WaitForAsync("[exit 0]");
        Assert.Contains("saved; continue it with wright -c", await tmux.ScreenAsync());
        Assert.True(File.Exists(Path.Combine(wright.Home, "history")));
        Assert.Equal("hello there", File.ReadAllText(Path.Combine(wright.Home, "history")).Trim());
    }

    [Fact]
    public async Task An_edit_asks_for_approval_shows_the_diff_and_y_runs_it()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"make file","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"a.txt\",\"content\":\"approved content\"}"}]}},
              {"match":{"userMessage":"make file","hasToolResult":true},"response":{"content":"File written."}}
            ]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("make file");
        var dialog = await tmux.WaitForAsync("[n] no");
        Assert.Contains("write_file needs your approval", dialog);
        Assert.Contains("+approved content", dialog);
        Assert.False(File.Exists(wright.File("a.txt")));
        await tmux.TypeAsync("y");
        var screen = await tmux.WaitForAsync("File written.");
        Assert.Contains("✓ write_file a.txt", screen);
        Assert.Equal("approved content", File.ReadAllText(wright.File("a.txt")));
    }

    [Fact]
    public async Task Esc_interrupts_a_long_turn_and_returns_to_the_prompt()
    {
        await using var mock = await AimockServer.StartAsync(LongStory.Fixtures(words: 400, latencyMs: 150, "quick", "Quick answer."));
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("long story");
        await tmux.WaitForAsync("word2");
        await tmux.KeysAsync("Escape");
        var screen = await tmux.WaitForAsync("Interrupted.");
        Assert.DoesNotContain("word400", screen);
        await tmux.SubmitAsync("quick");
        await tmux.WaitForAsync("Quick answer.");
    }

    [Fact]
    public async Task Slash_model_switches_the_model_and_keeps_the_conversation()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"first"},"response":{"content":"First reply."}},
              {"match":{"userMessage":"second"},"response":{"content":"Second reply."}}
            ]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("first");
        await tmux.WaitForAsync("First reply.");
        await tmux.SubmitAsync("/model deepseek/deepseek-reasoner");
        await tmux.WaitForAsync("model: deepseek/deepseek-reasoner");
        await tmux.SubmitAsync("second");
        await tmux.WaitForAsync("Second reply.");
        var requests = (await mock.JournalAsync()).EnumerateArray()
            .Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions").ToList();
        var last = requests[^1].GetProperty("body");
        Assert.Equal("deepseek-reasoner", last.GetProperty("model").GetString());
        var contents = last.GetProperty("messages").EnumerateArray()
            .Select(m => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null).Skip(1).ToList();
        Assert.Equal(["first", "First reply.", "second"], contents);
    }

    [Fact]
    public async Task A_chinese_answer_wraps_at_80_columns()
    {
        var chinese = string.Concat(Enumerable.Repeat("登录超时的原因是会话令牌过期，需要刷新。", 8));
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"why"},"response":{"content":"TEXT"}}]}
            """.Replace("TEXT", chinese, StringComparison.Ordinal));
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("why");
        await tmux.WaitForAsync("需要刷新。\n");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var rows = (await tmux.ScreenAsync()).Split('\n').Where(r => r.Contains('登') || r.Contains('刷') || r.Contains('超')).ToList();
        Assert.True(rows.Count >= 4, string.Join("\n", rows));
        Assert.All(rows, row => Assert.True(TextWidth.Of(row.TrimEnd()) <= 80, row));
        Assert.Equal(chinese, string.Concat(rows.Select(r => r.TrimEnd())));
        Assert.All(rows.SkipLast(1), row => Assert.Equal(80, TextWidth.Of(row.TrimEnd())));
    }

    [Fact]
    public async Task Declining_with_feedback_tells_the_model_and_slash_commands_and_no_color_work()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"clean up","hasToolResult":false},"response":{"toolCalls":[{"name":"shell","arguments":"{\"command\":\"rm -rf build\"}"}]}},
              {"match":{"userMessage":"clean up","hasToolResult":true},"response":{"content":"Understood, I left it."}}
            ]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model, "--no-color");
        await tmux.SubmitAsync("clean up");
        await tmux.WaitForAsync("[n] no");
        await tmux.TypeAsync("n");
        await tmux.WaitForAsync("what should it do instead?");
        await tmux.SubmitAsync("keep the build folder");
        var screen = await tmux.WaitForAsync("Understood, I left it.");
        Assert.Contains("✗ shell rm -rf build", screen);
        var requests = (await mock.JournalAsync()).EnumerateArray()
            .Where(e => e.GetProperty("path").GetString() == "/v1/chat/completions").ToList();
        Assert.Contains("keep the build folder", requests[^1].GetProperty("body").GetRawText());

        await tmux.SubmitAsync("/help");
        await tmux.WaitForAsync("/rewind [N]");
        await tmux.SubmitAsync("/mode plan");
        await tmux.WaitForAsync($"{Model} · plan ·");
        Assert.DoesNotContain("\u001b[", await tmux.ScreenAsync(escapes: true));
        await tmux.KeysAsync("C-c");
        await tmux.WaitForAsync("Ctrl-C again");
        await tmux.KeysAsync("C-c");
        await tmux.WaitForAsync("[exit 0]");
        Assert.Contains("saved; continue it with wright -c", await tmux.ScreenAsync());
    }

    [Fact]
    public async Task Colour_is_on_by_default_and_off_with_no_color()
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[]}""");
        using var wright = new WrightProcess();
        await using (var colored = await Tmux.StartAsync(wright, mock, "--model", Model))
        {
            await colored.WaitForAsync("\n›");
            Assert.Contains("\u001b[", await colored.ScreenAsync(escapes: true));
        }

        wright.Environment["NO_COLOR"] = "1";
        await using var plain = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        Assert.DoesNotContain("\u001b[", await plain.ScreenAsync(escapes: true));
    }
}
