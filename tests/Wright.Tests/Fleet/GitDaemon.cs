using System.Diagnostics;
using System.Globalization;
using Wright.Tests.Support;

namespace Wright.Tests.Fleet;

/// <summary>
/// <c>git daemon</c> (part of Debian's <c>git</c> package) serving a folder's repositories over <c>git://</c> on a free
/// loopback port, pushes allowed: a real network remote for the fleet's nodes.
/// </summary>
public sealed class GitDaemon : IAsyncDisposable
{
    private readonly Process _process;

    private GitDaemon(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The URL of a repository (by its name in the served folder).</summary>
    public string Url(string name) => string.Create(CultureInfo.InvariantCulture, $"git://127.0.0.1:{Port}/{name}");

    /// <summary>Starts the daemon over <paramref name="basePath"/> and waits (deadline 30 s) until it answers.</summary>
    public static async Task<GitDaemon> StartAsync(string basePath)
    {
        var port = TinyHttpServer.FreePort();
        var psi = new ProcessStartInfo("/usr/bin/git") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port.ToString(CultureInfo.InvariantCulture), "--base-path=" + basePath, "--export-all",
                     "--enable=receive-pack", "--informative-errors", basePath,
                 })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new GitDaemon(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException("git daemon exited with " + process.ExitCode.ToString(CultureInfo.InvariantCulture));
            if (await AnswersAsync(port))
                return daemon;
            if (DateTime.UtcNow > deadline)
            {
                await daemon.DisposeAsync();
                throw new TimeoutException("git daemon did not answer within 30 s");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }
}
