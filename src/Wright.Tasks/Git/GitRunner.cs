using System.Diagnostics;
using Wright.Core.Processes;

namespace Wright.Tasks.Git;

/// <summary>
/// Runs git (found on the trusted PATH, never through a shell) with settings that keep a repository's own
/// configuration from running programs on the host: no hooks, no fsmonitor, no external diff or pager, no signing,
/// no submodule recursion, only git's own transports (<see cref="RemoteUrl.AllowedProtocols"/>: no <c>ext::</c>, no
/// <c>fd::</c>, no remote helper), and every program-starting key the repository's own config
/// (or a file it includes) sets overridden (<see cref="RepositoryConfig"/>; one <c>git config --list</c> before each
/// command). The person's system and global settings keep applying.
/// </summary>
public static class GitRunner
{
    private static readonly string[] Safe =
    [
        "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "diff.external=", "-c", "core.pager=cat",
        "-c", "user.name=Wright", "-c", "user.email=wright@localhost", "-c", "commit.gpgsign=false", "-c", "advice.detachedHead=false",
        "-c", "tag.gpgSign=false", "-c", "push.gpgSign=false", "-c", "merge.verifySignatures=false", "-c", "log.showSignature=false",
        "-c", "submodule.recurse=false", "-c", "protocol.ext.allow=never", "-c", "gc.auto=0", "-c", "maintenance.auto=false",
    ];

    /// <summary>Variables that would point git at another repository, index or program than the one named.</summary>
    private static readonly string[] Relocating =
    [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_NAMESPACE", "GIT_EXTERNAL_DIFF", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
    ];

    /// <summary>Runs <c>git -C <paramref name="directory"/> args…</c>.</summary>
    public static async Task<GitResult> RunAsync(string directory, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var listing = await RunRawAsync(directory, RepositoryConfig.ListArguments, cancellationToken);
        return await RunRawAsync(directory, [.. RepositoryConfig.Neutralize(listing.Ok ? listing.Stdout : ""), .. args], cancellationToken);
    }

    private static async Task<GitResult> RunRawAsync(string directory, IEnumerable<string> args, CancellationToken cancellationToken)
    {
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
        foreach (var name in Relocating)
            psi.Environment.Remove(name);
        // Set (even empty), it wins over a repository's first-wins core.gitProxy.
        if (!psi.Environment.ContainsKey("GIT_PROXY_COMMAND"))
            psi.Environment["GIT_PROXY_COMMAND"] = "";
        psi.Environment["GIT_NO_REPLACE_OBJECTS"] = "1";
        // Only git's own transports, never one that starts a program (ext::, fd::, a git-remote-<helper>), whatever the
        // URL or a repository's config says; a narrower list of the person's own stays narrower.
        // GIT_ALLOW_PROTOCOL overrides every protocol.<name>.allow setting, so a caller's "-c protocol.<name>.allow=never"
        // (Repositories' clone refuses file://) is applied here, to the list, or it would be dropped silently.
        psi.Environment["GIT_ALLOW_PROTOCOL"] = AllowedProtocols(psi.Environment.TryGetValue("GIT_ALLOW_PROTOCOL", out var own) ? own : null, RefusedByCaller(psi.ArgumentList));
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

    /// <summary>
    /// Wright's protocol allowlist, narrowed to <paramref name="own"/> (the person's <c>GIT_ALLOW_PROTOCOL</c>) when set,
    /// without the <paramref name="refused"/> ones (the caller's <c>-c protocol.&lt;name&gt;.allow=never</c>).
    /// </summary>
    internal static string AllowedProtocols(string? own, IReadOnlyCollection<string>? refused = null)
    {
        var theirs = string.IsNullOrEmpty(own) ? null : own.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var both = RemoteUrl.AllowedProtocols.Split(':')
            .Where(p => (theirs is null || theirs.Contains(p, StringComparer.Ordinal)) && (refused is null || !refused.Contains(p)))
            .ToList();
        // Nothing in common: git gets a name no transport has, so it allows none.
        return both.Count > 0 ? string.Join(':', both) : "none";
    }

    /// <summary>The protocols <paramref name="args"/> refuse with <c>-c protocol.&lt;name&gt;.allow=never</c>.</summary>
    private static HashSet<string> RefusedByCaller(IList<string> args)
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var setting = args[i];
            if (args[i - 1] == "-c" && setting.StartsWith("protocol.", StringComparison.OrdinalIgnoreCase) &&
                setting.EndsWith(".allow=never", StringComparison.OrdinalIgnoreCase))
                refused.Add(setting["protocol.".Length..^".allow=never".Length].ToLowerInvariant());
        }

        return refused;
    }

    /// <summary>As <see cref="RunAsync(string, IEnumerable{string}, CancellationToken)"/>.</summary>
    public static Task<GitResult> RunAsync(string directory, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(directory, args, cancellationToken);
}
