using System.Diagnostics;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>Runs the real NativeAOT binary (dist/wright, or $WRIGHT_BIN) with a private WRIGHT_HOME and workspace.</summary>
public sealed class WrightProcess : IDisposable
{
    public WrightProcess()
    {
        Root = Directory.CreateTempSubdirectory("wright-e2e-").FullName;
        Home = Path.Combine(Root, "home");
        Workspace = Path.Combine(Root, "ws");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Workspace);
    }

    public static string Binary => System.Environment.GetEnvironmentVariable("WRIGHT_BIN") is { Length: > 0 } bin
        ? bin
        : Path.Combine(NodePackages.RepoRoot, "dist", "wright");

    public string Root { get; }

    public string Home { get; }

    public string Workspace { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The directory the binary starts in (default: the workspace).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Builds the start info: the environment is cleared of provider variables so only the test's apply.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> args, string? stdin = null)
    {
        if (!System.IO.File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} does not exist: build it with ./wright.sh --version (./test.sh does).");
        var psi = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = WorkingDirectory ?? Workspace,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.EndsWith("_API_KEY", StringComparison.Ordinal) || key.EndsWith("_BASE_URL", StringComparison.Ordinal) || key.StartsWith("WRIGHT_", StringComparison.Ordinal))
                psi.Environment.Remove(key);
        }

        // English unless a test asks otherwise: the machine's locale must not change what the tests read.
        psi.Environment.Remove("LC_ALL");
        psi.Environment.Remove("LC_MESSAGES");
        psi.Environment["LANG"] = "C.UTF-8";
        psi.Environment["WRIGHT_HOME"] = Home;
        psi.Environment["WRIGHT_RETRY_BASE_MS"] = "20";
        foreach (var (k, v) in Environment)
            psi.Environment[k] = v;
        return psi;
    }

    public async Task<WrightRun> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<WrightRun> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new WrightRun(process.ExitCode, await stdout, await stderr);
    }

    public string File(string relative) => Path.Combine(Workspace, relative);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
