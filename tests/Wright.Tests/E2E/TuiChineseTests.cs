using Wright.Cli.Interactive;

namespace Wright.Tests.E2E;

/// <summary>The main screens of the interactive session in zh-CN and English at 80 columns, and <c>wright "prompt"</c>.</summary>
public sealed class TuiChineseTests
{
    private const string Model = "deepseek/deepseek-chat";

    [Theory]
    [InlineData("zh_CN.UTF-8", "@路径", "上下文", "输入：", "已保存；用 wright -c")]
    [InlineData("C.UTF-8", "@path", "context", "Input:", "saved; continue it with wright -c")]
    public async Task The_main_screens_render_in_the_chosen_language_within_80_columns(string lang, string welcome, string status, string help, string goodbye)
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[{"match":{"userMessage":"你好"},"response":{"content":"你好！有什么可以帮你？"}}]}""");
        using var wright = new WrightProcess { Environment = { ["LANG"] = lang } };
        await using var tmux = await Tmux.StartAsync(wright, mock, "--model", Model);
        var screen = await tmux.WaitForAsync("\n›");
        Assert.Contains(welcome, screen);
        Assert.Contains(status, screen);
        await tmux.SubmitAsync("/help");
        screen = await tmux.WaitForAsync("/quit");
        Assert.Contains(help, screen);
        await tmux.SubmitAsync("你好");
        screen = await tmux.WaitForAsync("有什么可以帮你");
        await tmux.KeysAsync("C-d");
        screen = await tmux.WaitForAsync("[exit 0]");
        Assert.Contains(goodbye, screen);
        // Every row fits the 80-column pane (CJK characters take two cells).
        Assert.All(screen.Split('\n'), row => Assert.True(TextWidth.Of(row) <= 80, row));
    }

    [Fact]
    public async Task A_plain_argument_starts_the_interactive_session_with_that_prompt()
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[{"match":{"userMessage":"fix the failing test"},"response":{"content":"Fixed it."}}]}""");
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAsync(wright, mock, "--model", Model, "fix the failing test");
        var screen = await tmux.WaitForAsync("Fixed it.");
        Assert.Contains("› fix the failing test", screen);
        await tmux.WaitForAsync("\n›");
        await tmux.KeysAsync("C-d");
        await tmux.WaitForAsync("[exit 0]");
    }
}
