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
        await tmux.TypeAsync("TASK-PAIR: write 5 into answer.txt");
        await tmux.KeysAsync("Enter");
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
}
