namespace Wright.Tests.E2E;

/// <summary>
/// The terminal's approval dialog through the real binary in tmux: each dialog shows exactly the call it approves (its
/// own arguments, not the latest call of that tool), and mode switches cross yolo without a restart.
/// </summary>
public sealed class TuiApprovalTests
{
    private const string Model = "deepseek/deepseek-chat";
    private const string Ask = "write_file needs your approval";

    /// <summary>The screen from the last approval dialog on.</summary>
    private static string LastDialog(string screen) => screen[screen.LastIndexOf(Ask, StringComparison.Ordinal)..];

    [Fact]
    public async Task Two_parallel_writes_are_approved_one_by_one_each_dialog_showing_its_own_diff()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[
              {"match":{"userMessage":"write both","hasToolResult":false},"response":{"toolCalls":[
                {"name":"write_file","arguments":"{\"path\":\"a.txt\",\"content\":\"alpha content\\n\"}"},
                {"name":"write_file","arguments":"{\"path\":\"b.txt\",\"content\":\"bravo content\\n\"}"}]}},
              {"match":{"userMessage":"write both","hasToolResult":true},"response":{"content":"Both handled."}}
            ]}
            """);
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAtPromptAsync(wright, mock, "--model", Model);
        await tmux.SubmitAsync("write both");

        var first = LastDialog(await tmux.WaitForAsync("[n] no"));
        Assert.Contains("a.txt", first);
        Assert.Contains("+alpha content", first);
        Assert.DoesNotContain("bravo", first);
        await tmux.TypeAsync("n");
        await tmux.WaitForAsync("Enter to skip");
        await tmux.KeysAsync("Enter");

        // The second dialog is the second call's: b.txt and its content, nothing of the first.
        string second = "";
        for (var i = 0; i < 200 && !second.Contains("+bravo content", StringComparison.Ordinal); i++)
        {
            second = LastDialog(await tmux.ScreenAsync());
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Contains("b.txt", second);
        Assert.Contains("+bravo content", second);
        Assert.DoesNotContain("alpha", second);
        await tmux.TypeAsync("y");
        await tmux.WaitForAsync("Both handled.");
        Assert.False(File.Exists(wright.File("a.txt")));
        Assert.Equal("bravo content\n", File.ReadAllText(wright.File("b.txt")));
    }

    [Fact]
    public async Task Mode_switches_to_and_from_yolo_without_a_restart()
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[]}""");
        using var wright = new WrightProcess();
        await using var tmux = await Tmux.StartAsync(wright, mock, "--model", Model, "--permission-mode", "auto");
        await tmux.WaitForAsync($"{Model} · auto · context");
        Assert.Contains("sandbox on", await tmux.ScreenAsync());
        await tmux.SubmitAsync("/mode yolo");
        await tmux.WaitForAsync("mode: yolo");
        Assert.Matches(@"yolo · context \d+% · \$0\.0000 · sandbox off", await tmux.WaitForAsync("sandbox off"));
        await tmux.SubmitAsync("/mode auto");
        await tmux.WaitForAsync("mode: auto");
        var screen = await tmux.WaitForAsync("sandbox on");
        // The status line is drawn in place under the prompt: the last row of the screen.
        Assert.EndsWith("sandbox on", screen.TrimEnd());
    }
}
