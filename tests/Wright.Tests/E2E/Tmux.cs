using System.Diagnostics;

namespace Wright.Tests.E2E;

/// <summary>The real binary in a tmux pane (80×30) on its own server socket, driven by send-keys and read by capture-pane.</summary>
internal sealed class Tmux : IAsyncDisposable
{
    private readonly string _socket = "wright-tui-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<Tmux> StartAsync(WrightProcess wright, AimockServer mock, params string[] args)
    {
        if (!File.Exists(WrightProcess.Binary))
            throw new InvalidOperationException($"{WrightProcess.Binary} does not exist: build it with ./wright.sh --version.");
        var tmux = new Tmux();
        var command = new List<string>
        {
            "new-session", "-d", "-s", "t", "-x", "80", "-y", "30", "-c", wright.Workspace, "--",
            // The pane outlives the binary (its exit code is shown), so the last screen can still be read.
            "sh", "-c", "\"$@\"; echo \"[exit $?]\"; sleep 120", "sh",
            "env", "-i", "PATH=" + Environment.GetEnvironmentVariable("PATH"), "HOME=" + wright.Root, "TERM=xterm-256color",
            "LANG=C.UTF-8", "WRIGHT_HOME=" + wright.Home, "WRIGHT_RETRY_BASE_MS=20",
            "DEEPSEEK_BASE_URL=" + mock.BaseUrl + "/v1", "DEEPSEEK_API_KEY=k",
        };
        command.AddRange(wright.Environment.Select(e => e.Key + "=" + e.Value));
        command.Add(WrightProcess.Binary);
        command.AddRange(args);
        await tmux.RunAsync([.. command]);
        return tmux;
    }

    /// <summary><see cref="StartAsync"/>, then waits for the first prompt.</summary>
    public static async Task<Tmux> StartAtPromptAsync(WrightProcess wright, AimockServer mock, params string[] args)
    {
        var tmux = await StartAsync(wright, mock, args);
        try
        {
            await tmux.WaitForAsync("\n›");
            return tmux;
        }
        catch
        {
            await tmux.DisposeAsync();
            throw;
        }
    }

    /// <summary>Types <paramref name="text"/> and presses Enter.</summary>
    public async Task SubmitAsync(string text)
    {
        await TypeAsync(text);
        await KeysAsync("Enter");
    }

    public Task TypeAsync(string text) => RunAsync("send-keys", "-t", "t", "-l", text);

    public Task KeysAsync(params string[] keys) => RunAsync(["send-keys", "-t", "t", .. keys]);

    /// <summary>Resizes the pane's window, as a user dragging the terminal would.</summary>
    public Task ResizeAsync(int columns, int rows) =>
        RunAsync("resize-window", "-t", "t", "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Pastes as a terminal does: wrapped in ESC[200~ … ESC[201~ when the program turned bracketed paste on.</summary>
    public async Task PasteAsync(string text)
    {
        await RunAsync("set-buffer", "-b", "wright-paste", "--", text);
        await RunAsync("paste-buffer", "-p", "-d", "-b", "wright-paste", "-t", "t");
    }

    public Task<string> ScreenAsync(bool escapes = false) =>
        escapes ? RunAsync("capture-pane", "-p", "-e", "-t", "t", "-S", "-100") : RunAsync("capture-pane", "-p", "-t", "t", "-S", "-100");

    public async Task<string> WaitForAsync(string text, int seconds = 20)
    {
        var screen = "";
        for (var i = 0; i < seconds * 10; i++)
        {
            screen = await ScreenAsync();
            if (screen.Contains(text, StringComparison.Ordinal))
                return screen;
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"'{text}' did not appear; the screen:\n{screen}");
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(_socket);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {error}");
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("kill-server");
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
