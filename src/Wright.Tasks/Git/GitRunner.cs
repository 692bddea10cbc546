using System.Diagnostics;
using Wright.Core.Processes;

namespace Wright.Tasks.Git;

/// <summary>
/// Runs git (found on the trusted PATH, never through a shell) with settings that keep a repository's own
/// configuration from running programs on the host: no hooks, no fsmonitor, no external diff or pager.
/// </summary>
public static class GitRunner
{
    private static readonly string[] Safe =
    [
        "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "diff.external=", "-c", "core.pager=cat",
        "-c", "user.name=Wright", "-c", "user.email=wright@localhost", "-c", "commit.gpgsign=false", "-c", "advice.detachedHead=false",
    ];

    /// <summary>Runs <c>git -C <paramref name="directory"/> args…</c>.</summary>
    public static async Task<GitResult> RunAsync(string directory, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var psi = new ProcessStartInfo(TrustedPrograms.Resolve("git"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-C");
        psi.ArgumentList.Add(directory);
        foreach (var a in Safe)
            psi.ArgumentList.Add(a);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["PATH"] = TrustedPrograms.SearchPath();
        psi.Environment.Remove("GIT_DIR");
        psi.Environment.Remove("GIT_WORK_TREE");
        psi.Environment.Remove("GIT_INDEX_FILE");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("git did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new GitResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>As <see cref="RunAsync(string, IEnumerable{string}, CancellationToken)"/>.</summary>
    public static Task<GitResult> RunAsync(string directory, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(directory, args, cancellationToken);
}
