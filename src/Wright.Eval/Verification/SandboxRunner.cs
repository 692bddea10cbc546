using System.Diagnostics;
using System.Text;
using Wright.Core.Processes;
using Wright.Runtime;

namespace Wright.Eval.Verification;

/// <summary>
/// Runs a verifier or a reference solution under bubblewrap: the host's system directories read-only, the workspace
/// bound read-write at the task's WORKDIR (Harbor's <c>/app</c>), extra binds (<c>/tests</c>, <c>/logs/verifier</c>,
/// <c>/solution</c>, a build cache), Wright's home hidden, no network, a clean environment and a deadline. What it writes is the task's: the
/// host only reads the reward file without following links.
/// </summary>
internal static class SandboxRunner
{
    private const int MaxOutput = 64 * 1024;

    /// <summary>A path bound into the sandbox.</summary>
    public sealed record Bind(string Source, string Target, bool Writable);

    public static async Task<(int ExitCode, string Output, bool TimedOut)> RunAsync(string workspace, string workDir, IReadOnlyList<Bind> binds,
        string script, string? cacheDir, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(TrustedPrograms.Find("bwrap") ?? throw new InvalidOperationException("bubblewrap (bwrap) is not installed"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        var all = new List<Bind> { new(workspace, workDir, true) };
        all.AddRange(binds);
        if (cacheDir is not null)
        {
            Directory.CreateDirectory(cacheDir);
            all.Add(new Bind(cacheDir, "/cache", true));
        }

        var occupied = all.Select(b => TopLevel(b.Target)).ToHashSet(StringComparer.Ordinal);
        var args = new List<string> { "--die-with-parent", "--new-session", "--unshare-all", "--tmpfs", "/" };
        foreach (var entry in Directory.EnumerateFileSystemEntries("/"))
        {
            var name = Path.GetFileName(entry);
            // Homes (keys, $WRIGHT_HOME), /run (sockets such as docker's) and mounts are none of the task's business.
            if (name is "proc" or "dev" or "tmp" or "sys" or "root" or "home" or "run" or "mnt" or "media" or "boot" || occupied.Contains("/" + name))
                continue;
            var info = new FileInfo(entry);
            if (info.LinkTarget is { } link)
                args.AddRange(["--symlink", link, entry]);
            else if (Directory.Exists(entry))
                args.AddRange(["--ro-bind", entry, entry]);
        }

        // Wright's home (keys, sessions) is hidden wherever it lives; under /home, /root or /tmp it already is.
        var home = Path.GetFullPath(WrightRuntime.Home(Environment.GetEnvironmentVariable)).TrimEnd('/');
        if (home.Length > 1 && Directory.Exists(home) && !occupied.Contains(TopLevel(home)) && args.Contains(TopLevel(home)))
            args.AddRange(["--tmpfs", home]);
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
        foreach (var top in occupied.Where(t => t is not "/tmp"))
        {
            // The WORKDIR's top-level folder is the task's own (e.g. /app); a host folder there stays visible read-only beside it.
            if (Directory.Exists(top) && all.All(b => b.Target != top))
                args.AddRange(["--ro-bind", top, top]);
            else
                args.AddRange(["--dir", top]);
        }

        foreach (var bind in all.OrderBy(b => b.Target.Length))
            args.AddRange([bind.Writable ? "--bind" : "--ro-bind", bind.Source, bind.Target]);
        args.AddRange(["--clearenv", "--setenv", "PATH", string.Join(':', TrustedPrograms.SystemDirectories), "--setenv", "HOME", "/tmp",
            "--setenv", "LANG", "C.UTF-8", "--setenv", "DOTNET_CLI_HOME", "/tmp", "--setenv", "DOTNET_NOLOGO", "1",
            "--setenv", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1", "--setenv", "DOTNET_CLI_TELEMETRY_OPTOUT", "1",
            // NuGet's folder stays private: concurrent first-time dotnet builds sharing one fail (tasks use no packages).
            "--setenv", "NUGET_PACKAGES", "/tmp/nuget", "--setenv", "DOTNET_SKIP_WORKLOAD_INTEGRITY_CHECK", "true",
            "--setenv", "DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE", "1",
            "--setenv", "GOCACHE", cacheDir is null ? "/tmp/gocache" : "/cache/go", "--setenv", "GOFLAGS", "-mod=mod", "--setenv", "GOTOOLCHAIN", "local",
            "--setenv", "GOPATH", "/tmp/go", "--setenv", "CARGO_HOME", "/tmp/cargo", "--setenv", "CARGO_NET_OFFLINE", "true",
            "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "npm_config_cache", "/tmp/npm",
            "--chdir", workDir, "/bin/bash", "-c", script]);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // Started from the spawner thread: --die-with-parent follows the thread that forks, and pool threads retire.
        using var process = ProcessSpawner.Start(psi);
        process.StandardInput.Close();
        var output = new StringBuilder();
        var lockObj = new Lock();
        void Append(string? line)
        {
            if (line is null)
                return;
            lock (lockObj)
            {
                if (output.Length < MaxOutput * 4)
                    output.Append(line).Append('\n');
            }
        }

        var stdout = PumpAsync(process.StandardOutput, Append);
        var stderr = PumpAsync(process.StandardError, Append);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await Task.WhenAll(stdout, stderr);
        var text = output.ToString();
        if (text.Length > MaxOutput)
            text = "…\n" + text[^MaxOutput..];
        return (timedOut ? 124 : process.ExitCode, text, timedOut);
    }

    private static async Task PumpAsync(StreamReader reader, Action<string?> append)
    {
        while (await reader.ReadLineAsync() is { } line)
            append(line);
    }

    private static string TopLevel(string path)
    {
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        return "/" + (slash < 0 ? trimmed : trimmed[..slash]);
    }
}
