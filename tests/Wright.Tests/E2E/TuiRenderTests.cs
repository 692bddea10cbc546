using Wright.Cli.Interactive;

namespace Wright.Tests.E2E;

/// <summary>Rendering through the real binary in tmux (80×30) against aimock: tables, collapsed and expanded output.</summary>
public sealed class TuiRenderTests
{
    private const string Model = "deepseek/deepseek-chat";

    [Fact]
    public async Task A_streamed_table_with_chinese_cells_is_drawn_aligned_within_80_columns()
    {
        var longCell = string.Concat(Enumerable.Repeat("登录超时的原因是会话令牌过期，需要刷新。", 4));
        var answer = "Comparison:\\n\\n| 方案 | 延迟 | 说明 |\\n|---|---:|---|\\n| 会话令牌 | 12 ms | 快速 🚀 **好** |\\n| OAuth | 120 ms | "
            + longCell + " |\\n\\nEnd of table.";
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"compare"},"response":{"content":"ANSWER"},"chunkSize":5}]}
            """.Replace("ANSWER", answer, StringComparison.Ordinal));
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("compare");
        await tmux.WaitForAsync("End of table.");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var screen = await tmux.ScreenAsync();
        var rows = screen.Split('\n').Select(r => r.TrimEnd()).Where(r => r.Length > 0 && r[0] is '┌' or '│' or '├' or '└').ToList();
        Assert.True(rows.Count >= 8, screen);
        Assert.All(rows, row => Assert.Equal(80, TextWidth.Of(row)));
        Assert.DoesNotContain("|---|", screen);
        Assert.Contains("│ 会话令牌 │", screen);
        Assert.Contains("快速 🚀 好", screen);
        // The columns line up: every row's inner borders sit at the same display columns.
        var borders = rows.Select(r => string.Join(",", Columns(r))).Distinct().ToList();
        Assert.Single(borders);
    }

    [Fact]
    public async Task Tool_output_is_collapsed_and_ctrl_o_or_slash_expand_shows_it_all()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"read notes","hasToolResult":false},"response":{"toolCalls":[{"name":"read_file","arguments":"{\"path\":\"notes.txt\"}"}]}},
              {"match":{"userMessage":"read notes","hasToolResult":true},"response":{"content":"Read them."}}
            ]}
            """);
        using var wright = new WrightProcess();
        File.WriteAllText(wright.File("notes.txt"), string.Join("\n", Enumerable.Range(1, 12).Select(i => $"note number {i:00}")) + "\n");
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("read notes");
        var screen = await tmux.WaitForAsync("Read them.");
        Assert.Contains("✓ read_file notes.txt", screen);
        Assert.Contains("lines (ctrl-o to expand)", screen);
        Assert.Contains("note number 01", screen);
        Assert.DoesNotContain("note number 12", screen);

        await tmux.KeysAsync("C-o");
        screen = await tmux.WaitForAsync("note number 12");
        Assert.Contains("note number 07", screen);
        await tmux.WaitForAsync("\n›");

        await tmux.SubmitAsync("/expand");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        screen = await tmux.ScreenAsync();
        Assert.Equal(2, screen.Split('\n').Count(l => l.Contains("note number 12", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reasoning_collapses_to_one_summary_line_and_ctrl_o_shows_it()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"think first"},"response":{"reasoning":"Step one: look at the question carefully. Step two: answer it briefly.","content":"The answer is 42."}}]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("think first");
        var screen = await tmux.WaitForAsync("The answer is 42.");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(screen, @"✻ Thought for \d+\.\ds · 12 words \(ctrl-o to expand\)"), screen);
        Assert.DoesNotContain("Step two", screen);
        await tmux.WaitForAsync("\n›");
        await tmux.KeysAsync("C-o");
        screen = await tmux.WaitForAsync("Step two: answer it briefly.");
        Assert.Contains("✻ Thinking", screen);
    }

    /// <summary>The display columns of the vertical borders in one table row.</summary>
    private static IEnumerable<int> Columns(string row)
    {
        var column = 0;
        foreach (var rune in row.EnumerateRunes())
        {
            if (rune.Value is '│' or '┼' or '┬' or '┴' or '├' or '┤' or '┌' or '┐' or '└' or '┘')
                yield return column;
            column += TextWidth.Of(rune);
        }
    }
}
