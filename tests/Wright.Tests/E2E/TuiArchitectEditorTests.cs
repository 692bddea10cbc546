using System.Text.Json;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// Architect/editor mode in the interactive session (tmux, aimock as two providers): the architect (DeepSeek, plan
/// mode) plans, the editor (OpenAI Chat) edits, and the screen says which model is answering.
/// </summary>
public sealed class TuiArchitectEditorTests
{
    [Fact]
    public async Task The_interactive_session_plans_with_the_architect_and_edits_with_the_editor()
    {
        var write = JsonSerializer.Serialize(JsonSerializer.Serialize(new Dictionary<string, object> { ["path"] = "answer.txt", ["content"] = "5\n" },
            TestJson.Default.DictionaryStringObject), TestJson.Default.String);
        await using var mock = await AimockServer.StartAsync("{\"fixtures\":["
            + """{"match":{"userMessage":"TASK-PAIR","model":"deepseek-chat"},"response":{"content":"PLAN-1: write 5 into answer.txt."}},"""
            + "{\"match\":{\"userMessage\":\"Carry out this plan\",\"model\":\"gpt-4.1-mini\",\"hasToolResult\":false},\"response\":{\"toolCalls\":[{\"name\":\"write_file\",\"arguments\":" + write + "}]}},"
            + """{"match":{"userMessage":"Carry out this plan","model":"gpt-4.1-mini","hasToolResult":true},"response":{"content":"EDITED-DONE."}}"""
            + "]}");
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k" } };
        await using var tmux = await Tmux.StartAsync(wright, mock, "--architect", "deepseek/deepseek-chat", "--editor", "openai-chat/gpt-4.1-mini",
            "--permission-mode", "accept-edits");
        var welcome = await tmux.WaitForAsync("\n›");
        // (80 columns: the line wraps after the architect's name.)
        Assert.Contains("architect/editor mode: deepseek/deepseek-chat plans with read-only tools", welcome);
        Assert.Contains("carries the plan out", welcome);
        await tmux.SubmitAsync("TASK-PAIR: write 5 into answer.txt");
        var screen = await tmux.WaitForAsync("EDITED-DONE.", 40);
        var architect = screen.IndexOf("architect deepseek/deepseek-chat is planning", StringComparison.Ordinal);
        var plan = screen.IndexOf("PLAN-1: write 5 into answer.txt.", StringComparison.Ordinal);
        var editor = screen.IndexOf("editor openai-chat/gpt-4.1-mini is carrying out the plan", StringComparison.Ordinal);
        Assert.True(architect >= 0 && plan > architect && editor > plan && screen.IndexOf("EDITED-DONE.", StringComparison.Ordinal) > editor, screen);
        Assert.Equal("5\n", File.ReadAllText(wright.File("answer.txt")));
        // The status line is the editor's session.
        Assert.Matches(@"openai-chat/gpt-4\.1-mini · accept-edits · context \d+%", screen);

        var journal = (await mock.JournalAsync()).EnumerateArray().ToList();
        Assert.Equal(["deepseek-chat", "gpt-4.1-mini", "gpt-4.1-mini"], journal.Select(e => e.GetProperty("body").GetProperty("model").GetString()).ToList());
        Assert.Contains("PLAN-1", journal[1].GetRawText());
        var architectTools = journal[0].GetProperty("body").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Contains("read_file", architectTools);
        await tmux.KeysAsync("C-d");
        await tmux.WaitForAsync("[exit 0]");
    }

    [Fact]
    public async Task An_attached_image_reaches_the_architect_and_a_text_only_architect_says_no()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"TASK-IMG","model":"gpt-4.1"},"response":{"content":"PLAN-IMG: nothing to change."}},
              {"match":{"userMessage":"TASK-TEXT","model":"deepseek-chat"},"response":{"content":"PLAN-TEXT: nothing to change."}},
              {"match":{"userMessage":"Carry out this plan"},"response":{"content":"EDITED-IMG."}}
            ]}
            """);
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k" } };
        File.WriteAllBytes(wright.File("shot.png"), Wright.Tests.Tui.ImageMentionTests.Png);
        await using (var tmux = await Tmux.StartAsync(wright, mock, "--architect", "openai-chat/gpt-4.1", "--editor", "deepseek/deepseek-chat"))
        {
            await tmux.WaitForAsync("\n›");
            await tmux.SubmitAsync("TASK-IMG what does @shot.png show?");
            var screen = await tmux.WaitForAsync("EDITED-IMG.", 40);
            Assert.Contains("attached image shot.png (image/png, 70 bytes)", screen);
            await tmux.KeysAsync("C-d");
            await tmux.WaitForAsync("[exit 0]");
        }

        var journal = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetProperty("body")).ToList();
        Assert.Equal(["gpt-4.1", "deepseek-chat"], journal.Select(b => b.GetProperty("model").GetString()).ToList());
        // The architect's request carries the image beside the task; the editor gets the plan in words.
        var architectAsk = journal[0].GetProperty("messages").EnumerateArray().Last().GetProperty("content");
        var image = architectAsk.EnumerateArray().Single(p => p.GetProperty("type").GetString() == "image_url");
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Wright.Tests.Tui.ImageMentionTests.Png), image.GetProperty("image_url").GetProperty("url").GetString());
        Assert.DoesNotContain("image_url", journal[1].GetRawText());

        // A text-only architect: the image is not sent, and the screen says why.
        await using (var tmux = await Tmux.StartAsync(wright, mock, "--architect", "deepseek/deepseek-chat", "--editor", "openai-chat/gpt-4.1"))
        {
            await tmux.WaitForAsync("\n›");
            await tmux.SubmitAsync("TASK-TEXT what does @shot.png show?");
            var screen = await tmux.WaitForAsync("EDITED-IMG.", 40);
            Assert.Contains("deepseek/deepseek-chat does not take images; shot.png was not attached", screen);
            await tmux.KeysAsync("C-d");
            await tmux.WaitForAsync("[exit 0]");
        }

        var textArchitect = (await mock.JournalAsync()).EnumerateArray().Select(e => e.GetProperty("body")).Skip(2).First();
        Assert.Equal("deepseek-chat", textArchitect.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.String, textArchitect.GetProperty("messages").EnumerateArray().Last().GetProperty("content").ValueKind);
    }
}
