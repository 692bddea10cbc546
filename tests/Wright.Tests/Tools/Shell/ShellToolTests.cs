using System.Text.Json;
using Wright.Core.Tools;
using Wright.Tests.Support;
using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Tools.Shell;

public sealed class ShellToolTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();
    private readonly ShellTool _shell = new(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(20) });

    public void Dispose() => _ctx.Dispose();

    private Task<ToolResult> Run(string command, int? timeoutMs = null, CancellationToken? ct = null)
    {
        var args = new Dictionary<string, object> { ["command"] = command };
        if (timeoutMs is { } t)
            args["timeout_ms"] = t;
        var json = JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject);
        return _shell.InvokeAsync(JsonDocument.Parse(json).RootElement, _ctx.Context, ct ?? TestContext.Current.CancellationToken);
    }

    private static bool Alive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    [Fact]
    public async Task Reports_output_and_exit_code()
    {
        var ok = await Run("echo hello; echo oops >&2");
        var failed = await Run("exit 3");

        Assert.False(ok.IsError);
        Assert.Contains("hello\noops", ok.Content);
        Assert.Contains("[exit code 0", ok.Content);
        Assert.True(failed.IsError);
        Assert.Contains("[exit code 3", failed.Content);
    }

    [Fact]
    public async Task The_working_directory_persists_but_nothing_else_does()
    {
        Directory.CreateDirectory(Path.Combine(_ctx.Workspace, "sub dir"));
        await Run("cd 'sub dir' && export LEAK=1 && f() { echo fn; }");
        var after = await Run("pwd; echo \"leak=${LEAK:-none}\"; type f 2>&1 | head -1");

        Assert.Contains(Path.Combine(_ctx.Workspace, "sub dir"), after.Content);
        Assert.Contains("leak=none", after.Content);
        Assert.Contains("not found", after.Content);
    }

    [Fact]
    public async Task Only_allowlisted_variables_reach_commands()
    {
        Environment.SetEnvironmentVariable("WRIGHT_TEST_API_KEY", "sk-should-not-leak");
        Environment.SetEnvironmentVariable("WRIGHT_TEST_PLAIN", "not-listed");
        Environment.SetEnvironmentVariable("WRIGHT_TEST_ALLOWED", "listed");
        Environment.SetEnvironmentVariable("WRIGHT_PREFIX_ONE", "by-prefix");
        try
        {
            var shell = new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(20), AllowedSecretEnvVars = ["WRIGHT_TEST_ALLOWED", "WRIGHT_PREFIX_*"] });
            var result = await shell.InvokeAsync(JsonDocument.Parse("""{"command":"env"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
            Assert.DoesNotContain("sk-should-not-leak", result.Content);
            Assert.DoesNotContain("not-listed", result.Content);
            Assert.Contains("WRIGHT_TEST_ALLOWED=listed", result.Content);
            Assert.Contains("WRIGHT_PREFIX_ONE=by-prefix", result.Content);
            Assert.Contains("PAGER=cat", result.Content);
            Assert.Contains("PATH=", result.Content);
        }
        finally
        {
            foreach (var name in new[] { "WRIGHT_TEST_API_KEY", "WRIGHT_TEST_PLAIN", "WRIGHT_TEST_ALLOWED", "WRIGHT_PREFIX_ONE" })
                Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_process_group_including_grandchildren()
    {
        var pidFile = Path.Combine(_ctx.Root, "grandchild.pid");
        var started = DateTime.UtcNow;
        var result = await Run($"(sleep 300 & echo $! > '{pidFile}'; wait) ; sleep 300", timeoutMs: 1000);

        Assert.True(result.IsError);
        Assert.Contains("timed out after 1s", result.Content);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(Alive(pid), "the grandchild survived the timeout");
    }

    [Fact]
    public async Task A_backgrounded_grandchild_does_not_hang_the_call_and_is_cleaned_up()
    {
        var pidFile = Path.Combine(_ctx.Root, "bg.pid");
        var started = DateTime.UtcNow;
        var result = await Run($"sleep 300 & echo $! > '{pidFile}'; echo done");

        Assert.Contains("done", result.Content);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(Alive(pid));
    }

    [Fact]
    public async Task Cancellation_kills_the_command()
    {
        var pidFile = Path.Combine(_ctx.Root, "cancel.pid");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run($"echo $$ > '{pidFile}'; sleep 300", ct: cts.Token));

        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(Alive(pid));
    }

    [Fact]
    public async Task Huge_output_is_capped_head_and_tail_and_saved_whole()
    {
        var result = await Run("seq 1 600000");

        Assert.True(result.Content.Length < 40_000);
        Assert.StartsWith("1\n2\n3\n", result.Content);
        Assert.Contains("600000", result.Content);
        Assert.Contains("elided; the full output is in ", result.Content);
        var saved = result.Content[(result.Content.IndexOf("the full output is in ", StringComparison.Ordinal) + 22)..].Split(' ')[0];
        Assert.Equal(string.Join("\n", Enumerable.Range(1, 600000)) + "\n", File.ReadAllText(saved));
    }

    [Fact]
    public async Task Output_beyond_the_saved_cap_is_counted_not_kept()
    {
        var shell = new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(20), MaxSavedOutputBytes = 1_000_000 });
        var result = await shell.InvokeAsync(JsonDocument.Parse("""{"command":"seq 1 6000000"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);

        Assert.Contains("6000000", result.Content);
        Assert.Contains("were not saved (the saved output is capped at 1 MB)", result.Content);
        var saved = result.Content[(result.Content.IndexOf("MB of the output are in ", StringComparison.Ordinal) + 24)..].Split(' ')[0];
        Assert.InRange(new FileInfo(saved).Length, 900_000, 1_000_000);
        Assert.StartsWith("1\n2\n3\n", File.ReadAllText(saved));
    }

    [Fact]
    public async Task Stdin_is_closed_and_waiting_for_input_gets_a_hint()
    {
        var started = DateTime.UtcNow;
        var result = await Run("read -p 'Continue? [y/N] ' answer || exit 1; echo got:$answer");

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("got:", result.Content);
        Assert.Contains("stdin is closed", result.Content);
    }

    [Fact]
    public async Task Unicode_output_survives()
    {
        var result = await Run("echo '你好，世界 🌍'");
        Assert.Contains("你好，世界 🌍", result.Content);
    }

    [Fact]
    public async Task Background_jobs_stream_output_and_can_be_killed()
    {
        var start = await _shell.InvokeAsync(JsonDocument.Parse("""{"command":"for i in 1 2 3; do echo tick$i; sleep 0.2; done; sleep 300","background":true}""").RootElement,
            _ctx.Context, TestContext.Current.CancellationToken);
        Assert.Contains("Started in the background as bg1", start.Content);
        await Task.Delay(1200, TestContext.Current.CancellationToken);

        var output = new ShellOutputTool();
        var first = await output.InvokeAsync(JsonDocument.Parse("""{"handle":"bg1"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        var second = await output.InvokeAsync(JsonDocument.Parse("""{"handle":"bg1"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.Contains("tick1\ntick2\ntick3", first.Content);
        Assert.Contains("[bg1: running]", first.Content);
        Assert.Contains("(no new output)", second.Content);

        var job = _ctx.Context.GetState<ShellState>().Jobs["bg1"];
        var kill = await new ShellKillTool().InvokeAsync(JsonDocument.Parse("""{"handle":"bg1"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.Contains("Stopped bg1", kill.Content);
        Assert.True(job.Process.HasExited);
        var gone = await output.InvokeAsync(JsonDocument.Parse("""{"handle":"bg1"}""").RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.True(gone.IsError);
    }
}
