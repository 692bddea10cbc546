using Wright.Sandbox;

namespace Wright.Tests.Safety;

public sealed partial class HostEscapeTests
{
    // ── Resources: what one command may take from the host ─────────────────────────────────────────────────────

    [Fact]
    public async Task A_flood_of_output_is_saved_only_up_to_the_cap_with_a_note()
    {
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, "yes 0123456789 | head -c 40000000");

        var saved = Directory.GetFiles(Path.Combine(_host.Session, "outputs"));
        var file = Assert.Single(saved);
        Assert.True(new FileInfo(file).Length <= 8 * 1024 * 1024 + 64 * 1024, $"{new FileInfo(file).Length} bytes saved");
        Assert.Contains("not saved", result.Content);
        Assert.Contains("0123456789", result.Content);
    }

    [Fact]
    public async Task A_flood_of_background_output_keeps_the_log_under_the_cap()
    {
        var shell = Sandboxed();
        await _host.BackgroundAsync(shell, "yes 0123456789 | head -c 40000000; echo finished");
        var job = _host.Context.GetState<Wright.Tools.Shell.ShellState>().Jobs["bg1"];

        Assert.True(await HostCanaries.WaitUntilAsync(() => !job.Running, TimeSpan.FromSeconds(60)));
        var output = (await _host.OutputAsync("bg1", Token)).Content;
        var logs = Directory.GetFiles(Path.Combine(_host.Session, "background"));

        Assert.All(logs, log => Assert.True(new FileInfo(log).Length <= 8 * 1024 * 1024 + 64 * 1024, $"{new FileInfo(log).Length} bytes in {log}"));
        Assert.Contains("dropped", output);
        Assert.Contains("finished", output);
    }

    [Fact]
    public async Task Processes_beyond_the_limit_are_refused()
    {
        var shell = Sandboxed(new SandboxOptions { Limits = new SandboxLimits { Processes = 64 } });

        var result = await _host.ShellAsync(shell, "(for i in $(seq 150); do sleep 3 & done) 2>/dev/null; n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo count=$n", timeoutMs: 30_000);

        Assert.Contains("count=", result.Content);
        var line = result.Content.Split('\n').First(l => l.StartsWith("count=", StringComparison.Ordinal));
        var count = int.Parse(line["count=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, 1, 64);
        Assert.Contains("limit of 64 processes", result.Content);
    }

    [Fact]
    public async Task A_fork_bomb_ends_with_a_clear_message_and_leaves_nothing_running()
    {
        var shell = Sandboxed(new SandboxOptions { Limits = new SandboxLimits { Processes = 64 } });

        var result = await _host.ShellAsync(shell, "wrightbomb() { wrightbomb | wrightbomb & }; wrightbomb; sleep 60", timeoutMs: 5_000);

        Assert.Contains("timed out", result.Content);
        Assert.Contains("limit of 64 processes", result.Content);
        Assert.True(await HostCanaries.WaitUntilAsync(() => !Directory.EnumerateDirectories("/proc").Any(p => ReadOrEmpty(Path.Combine(p, "cmdline")).Contains("wrightbomb", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)),
            "processes of the fork bomb survived");
    }

    [Fact]
    public async Task A_memory_hog_ends_with_a_clear_message()
    {
        var shell = Sandboxed(new SandboxOptions { Limits = new SandboxLimits { MemoryMb = 256 } });

        // bash keeps a command substitution's whole output in memory: 600 MB does not fit in 256.
        var result = await _host.ShellAsync(shell, "x=$(head -c 600000000 /dev/zero | tr '\\0' a); echo survived ${#x}", timeoutMs: 60_000);

        Assert.DoesNotContain("survived 600000000", result.Content);
        Assert.Contains("ran out of memory", result.Content);
        Assert.Contains("256 MiB", result.Content);
    }

    [Fact]
    public async Task A_cpu_hog_is_stopped_at_its_cpu_time()
    {
        var shell = Sandboxed(new SandboxOptions { Limits = new SandboxLimits { CpuSeconds = 1 } });

        var result = await _host.ShellAsync(shell, "bash -c 'while :; do :; done'; echo after=$?", timeoutMs: 30_000);

        Assert.Contains("after=152", result.Content);
        Assert.Contains("CPU time", result.Content);
        Assert.DoesNotContain("timed out", result.Content);
    }

    [Fact]
    public async Task Ordinary_tools_run_under_the_default_limits()
    {
        var shell = Sandboxed();

        var result = await _host.ShellAsync(shell, "dotnet --version >/dev/null 2>&1 || true; node -e 'console.log(\"node ok\")' 2>/dev/null || echo node ok; seq 1 64 | xargs -P 16 -n 1 true && echo parallel ok; ulimit -u; ulimit -d; ulimit -t", timeoutMs: 60_000);

        Assert.Contains("node ok", result.Content);
        Assert.Contains("parallel ok", result.Content);
        Assert.Contains("2048", result.Content);
        Assert.Contains((8192 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Content);
        Assert.Contains("3600", result.Content);
        Assert.DoesNotContain("limit of", result.Content);
    }
}
