using Wright.Cli.Interactive;

namespace Wright.Tests.E2E;

/// <summary>Unicode prompts and paths, and a terminal resized mid-session (real binary in tmux, aimock).</summary>
public sealed class TuiUnicodeTests
{
    [Fact]
    public async Task A_chinese_prompt_in_a_chinese_path_reaches_the_model_intact_and_answers_rewrap_after_a_resize()
    {
        var answer = string.Concat(Enumerable.Repeat("缓存失效后需要重新加载配置文件。", 6));
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"为什么 😀 登录失败"},"response":{"content":"原因：令牌过期。"}},
              {"match":{"userMessage":"then what"},"response":{"content":"ANSWER"}}
            ]}
            """.Replace("ANSWER", answer, StringComparison.Ordinal));
        using var wright = new WrightProcess();
        var project = Path.Combine(wright.Workspace, "项目 café");
        Directory.CreateDirectory(project);
        await using var tmux = await Tmux.StartAsync(wright, mock, "--model", "deepseek/deepseek-chat", "--cwd", project);
        var welcome = await tmux.WaitForAsync("\n›");
        Assert.Contains("café", welcome);

        await tmux.SubmitAsync("为什么 😀 登录失败");
        await tmux.WaitForAsync("原因：令牌过期。");
        var first = (await mock.JournalAsync()).EnumerateArray().First(e => e.GetProperty("path").GetString() == "/v1/chat/completions");
        var user = first.GetProperty("body").GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user");
        Assert.Equal("为什么 😀 登录失败", user.GetProperty("content").GetString());
        Assert.Contains("项目 café", first.GetProperty("body").GetProperty("messages")[0].GetProperty("content").GetString());

        // The terminal shrinks to 50 columns: the next answer wraps at 50, wide characters whole.
        await tmux.ResizeAsync(50, 30);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        await tmux.SubmitAsync("then what");
        await tmux.WaitForAsync("重新加载配置文件。\n");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var rows = (await tmux.ScreenAsync()).Split('\n').Where(r => r.Contains('缓') || r.Contains('载') || r.Contains('配')).ToList();
        Assert.True(rows.Count >= 4, string.Join("\n", rows));
        Assert.All(rows, row => Assert.True(TextWidth.Of(row.TrimEnd()) <= 50, row));
        Assert.Equal(answer, string.Concat(rows.Select(r => r.TrimEnd())));
    }
}
