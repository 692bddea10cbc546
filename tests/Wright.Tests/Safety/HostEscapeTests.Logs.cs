using Wright.Tools.Shell;

namespace Wright.Tests.Safety;

public sealed partial class HostEscapeTests
{
    // ── Files Wright reads or creates on the host after a command ran ───────────────────────────────────────────
    // Background logs and the shell's working-directory record: a command that swaps them for a link (to a key, to
    // a FIFO, to a path it wants created) must not make Wright read, hang on or create anything.

    private string BackgroundLog(string handle) => Path.Combine(_host.Session, "background", handle + ".log");

    [Fact]
    public async Task A_background_log_swapped_for_a_link_to_a_key_does_not_return_the_key()
    {
        var shell = Sandboxed();
        var log = BackgroundLog("bg1");
        await _host.BackgroundAsync(shell, $"ln -sf '{_host.KeyFile}' \"${{WRIGHT_LOG:-{log}}}\"; ln -sf '{_host.KeyFile}' '{log}'; echo planted; sleep 30");

        var seen = "";
        await HostCanaries.WaitUntilAsync(() =>
        {
            seen += _host.OutputAsync("bg1", Token).GetAwaiter().GetResult().Content;
            return seen.Contains("planted", StringComparison.Ordinal) || seen.Contains(HostCanaries.Key, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5));

        Assert.DoesNotContain(HostCanaries.Key, seen);
        Assert.Contains("planted", seen);
        Assert.Equal(HostCanaries.Key + "\n", File.ReadAllText(_host.KeyFile));
    }

    [Fact]
    public async Task A_log_planted_for_the_next_job_does_not_make_wright_create_a_host_file()
    {
        var shell = Sandboxed();
        var target = Path.Combine(_host.Outside, "created-by-wright");
        var before = _host.Fingerprint();
        await _host.BackgroundAsync(shell, $"d=$(dirname \"${{WRIGHT_LOG:-{BackgroundLog("bg1")}}}\"); ln -s '{target}' \"$d/bg2.log\"; ln -s '{target}' '{BackgroundLog("bg2")}'; echo planted");
        var job = _host.Context.GetState<ShellState>().Jobs["bg1"];
        Assert.True(await HostCanaries.WaitUntilAsync(() => !job.Running, TimeSpan.FromSeconds(10)));

        var second = await _host.BackgroundAsync(shell, "echo second");

        Assert.Contains("bg2", second.Content);
        Assert.False(File.Exists(target));
        Assert.Equal(before, _host.Fingerprint());
        Assert.True(await HostCanaries.WaitUntilAsync(() => _host.OutputAsync("bg2", Token).GetAwaiter().GetResult().Content.Contains("second", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_working_directory_record_swapped_for_a_fifo_does_not_hang_wright()
    {
        var shell = Sandboxed();
        var fifo = Path.Combine(_host.Workspace, "f");
        var call = _host.ShellAsync(shell, "trap - EXIT; mkfifo f; ln -sf \"$PWD/f\" \"${WRIGHT_CWD_FILE:-/nonexistent}\"; echo planted", cancellationToken: Token);

        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(20), Token)) == call;
        if (!finished)
            Release(fifo);

        Assert.True(finished, "the shell call hung on a FIFO the command planted");
        Assert.Contains("planted", (await call).Content);
    }

    [Fact]
    public async Task A_background_log_swapped_for_a_fifo_does_not_hang_shell_output()
    {
        var shell = Sandboxed();
        var fifo = Path.Combine(_host.Workspace, "f");
        await _host.BackgroundAsync(shell, $"mkfifo f; ln -sf \"$PWD/f\" \"${{WRIGHT_LOG:-{BackgroundLog("bg1")}}}\"; ln -sf \"$PWD/f\" '{BackgroundLog("bg1")}'; touch linked; sleep 30");
        Assert.True(await HostCanaries.WaitUntilAsync(() => File.Exists(Path.Combine(_host.Workspace, "linked")), TimeSpan.FromSeconds(10)));

        var read = Task.Run(() => _host.OutputAsync("bg1", Token), Token);
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10), Token)) == read;
        if (!finished)
            Release(fifo);

        Assert.True(finished, "shell_output hung on a FIFO the job planted");
        Assert.DoesNotContain(HostCanaries.Key, (await read).Content);
    }

    /// <summary>Unblocks a reader stuck opening <paramref name="fifo"/> (so a failing test does not leave a thread hanging).</summary>
    private static void Release(string fifo)
    {
        var fd = Posix.Open(fifo, Posix.OWrOnly | Posix.ONonBlock);
        if (fd >= 0)
            Posix.Close(fd);
    }
}
