using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Wright.Core.Processes;

namespace Wright.Sessions.Rewind;

/// <summary>
/// Runs git against a shadow repository: the environment is cleaned of every <c>GIT_*</c> variable and of the
/// user's configuration (HOME points at an empty directory, no system or global config, PATH only trusted
/// directories), then GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE are set; <c>-c</c> flags switch off hooks, fsmonitor,
/// signing, submodules, transports and every line-ending conversion, and the shadow's <c>info/attributes</c> unsets
/// every filter, so no program named by the workspace (its <c>.git</c>, <c>.gitattributes</c> or <c>.gitmodules</c>)
/// ever runs. With GIT_DIR explicit git does no discovery: the workspace's own <c>.git</c> is never read.
/// </summary>
internal sealed class GitRunner(string git, string gitDir, string workTree, string home)
{
    private static readonly string[] SafetyFlags =
    [
        "-c", "core.hooksPath=/dev/null",
        "-c", "core.fsmonitor=false",
        "-c", "core.untrackedCache=false",
        "-c", "core.splitIndex=false",
        "-c", "core.sparseCheckout=false",
        "-c", "core.autocrlf=false",
        "-c", "core.safecrlf=false",
        "-c", "core.eol=lf",
        "-c", "core.symlinks=true",
        "-c", "core.quotepath=off",
        "-c", "core.attributesFile=/dev/null",
        "-c", "commit.gpgsign=false",
        "-c", "advice.addEmbeddedRepo=false",
        "-c", "gc.auto=0",
        "-c", "maintenance.auto=false",
        // Nothing the shadow does needs another program: no submodules, transports, pagers or credential helpers.
        "-c", "submodule.recurse=false",
        "-c", "status.submoduleSummary=false",
        "-c", "protocol.allow=never",
        "-c", "core.pager=cat",
        "-c", "credential.helper=",
    ];

    /// <summary>
    /// Flags for commands that hash new files: every non-empty blob is streamed into one pack per command (git's
    /// bulk check-in) instead of one loose object file each, which is many times faster for thousands of files and
    /// wastes no file-system blocks. Only for adding: repacking keeps the default so versions can be deltified.
    /// </summary>
    public static readonly string[] PackNewBlobs = ["-c", "core.bigFileThreshold=1"];

    /// <summary>The oldest git this works with: <c>--pathspec-from-file</c> came in 2.26.</summary>
    public static readonly Version Oldest = new(2, 26);

    /// <summary>The git version, known after <see cref="CheckVersionAsync"/>.</summary>
    public Version Version { get; private set; } = new(0, 0);

    /// <summary>Reads <c>git version</c>; throws <see cref="SnapshotException"/> when git is missing or too old.</summary>
    public async Task CheckVersionAsync(CancellationToken cancellationToken)
    {
        if (Version > new Version(0, 0))
            return;
        var text = (await RunAsync(["version"], cancellationToken)).Text;
        var numbers = text.Replace("git version", "", StringComparison.Ordinal).Trim().Split('.', ' ', '-');
        var parsed = numbers.Length >= 2
            && int.TryParse(numbers[0], System.Globalization.CultureInfo.InvariantCulture, out var major)
            && int.TryParse(numbers[1], System.Globalization.CultureInfo.InvariantCulture, out var minor)
            ? new Version(major, minor)
            : new Version(0, 0);
        if (parsed < Oldest)
            throw new SnapshotException($"Workspace snapshots need git {Oldest} or newer; '{git}' is {text.Trim()}.");
        Version = parsed;
    }

    /// <summary>The shadow git directory.</summary>
    public string GitDir => gitDir;

    /// <summary>
    /// The git executable as an absolute path from the trusted PATH (never the workspace or the current directory:
    /// a <c>git</c> planted there must not run on the host); throws <see cref="SnapshotException"/> when missing.
    /// </summary>
    public string Program => _program ??= FindGit(git, workTree);

    private string? _program;

    /// <summary>Resolves a git executable name or path, never from <paramref name="workspace"/> or the current directory.</summary>
    internal static string FindGit(string git, string workspace) =>
        TrustedPrograms.Find(git, [workspace]) is { } found && Path.IsPathFullyQualified(found)
            ? found
            : throw new SnapshotException(
                $"Workspace snapshots need git, but '{git}' was not found on the trusted PATH ({TrustedPrograms.SearchPath([workspace])}). Install git (for example `apt-get install git`) or put it on PATH.");

    /// <summary>The default index file, inside the shadow git directory.</summary>
    public string IndexFile { get; } = Path.Combine(gitDir, "index");

    /// <summary>Runs git; throws <see cref="SnapshotException"/> when it exits non-zero (unless allowed).</summary>
    public async Task<GitResult> RunAsync(
        IReadOnlyList<string> args,
        CancellationToken cancellationToken,
        byte[]? input = null,
        string? indexFile = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool allowFailure = false)
    {
        var psi = new ProcessStartInfo(Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workTree,
        };
        foreach (var flag in SafetyFlags)
            psi.ArgumentList.Add(flag);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        Clean(psi.Environment, home);
        psi.Environment["PATH"] = TrustedPrograms.SearchPath([workTree]);
        psi.Environment["GIT_DIR"] = gitDir;
        psi.Environment["GIT_WORK_TREE"] = workTree;
        psi.Environment["GIT_INDEX_FILE"] = indexFile ?? IndexFile;
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
                psi.Environment[k] = v;
        }

        var command = args.Where((a, i) => a != "-c" && (i == 0 || args[i - 1] != "-c")).FirstOrDefault() ?? "";
        return await RunProcessAsync(psi, input, allowFailure, command, cancellationToken);
    }

    /// <summary>Removes the caller's git settings from an environment and points HOME at <paramref name="home"/>.</summary>
    internal static void Clean(IDictionary<string, string?> env, string home)
    {
        foreach (var key in env.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
            env.Remove(key);
        env["HOME"] = home;
        env["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        env["GIT_CONFIG_NOSYSTEM"] = "1";
        env["GIT_CONFIG_GLOBAL"] = "/dev/null";
        env["GIT_ATTR_NOSYSTEM"] = "1";
        env["GIT_NO_REPLACE_OBJECTS"] = "1";
        env["GIT_TERMINAL_PROMPT"] = "0";
        env["GIT_AUTHOR_NAME"] = "Wright";
        env["GIT_AUTHOR_EMAIL"] = "wright@localhost";
        env["GIT_COMMITTER_NAME"] = "Wright";
        env["GIT_COMMITTER_EMAIL"] = "wright@localhost";
        env["LC_ALL"] = "C";
        env["LANGUAGE"] = "C";
    }

    /// <summary>Runs a prepared git process, feeding <paramref name="input"/> and collecting its output.</summary>
    internal static async Task<GitResult> RunProcessAsync(ProcessStartInfo psi, byte[]? input, bool allowFailure, string command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new SnapshotException(
                $"Workspace snapshots need git, but '{psi.FileName}' could not be started ({ex.Message}). Install git (for example `apt-get install git`) or put it on PATH.",
                ex);
        }

        using var stdout = new MemoryStream();
        var readOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None);
        var readErr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            try
            {
                if (input is { Length: > 0 })
                    await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // git stopped reading; its exit code says why.
            }

            await process.WaitForExitAsync(cancellationToken);
            await readOut;
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            throw;
        }

        var stderr = (await readErr).Trim();
        var result = new GitResult(process.ExitCode, stdout.ToArray(), stderr);
        if (result.ExitCode != 0 && !allowFailure)
        {
            throw new SnapshotException($"git {command} failed (exit {result.ExitCode}): {FirstLines(stderr)}");
        }

        return result;
    }

    private static string FirstLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "no message" : string.Join(" / ", lines.Take(3));
    }

    /// <summary>Splits NUL-terminated git output into UTF-8 strings.</summary>
    internal static List<string> SplitZ(byte[] output)
    {
        var items = new List<string>();
        var start = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] != 0)
                continue;
            if (i > start)
                items.Add(Encoding.UTF8.GetString(output, start, i - start));
            start = i + 1;
        }

        if (start < output.Length)
            items.Add(Encoding.UTF8.GetString(output, start, output.Length - start));
        return items;
    }

    /// <summary>Joins paths into NUL-terminated UTF-8 input for git's <c>-z --stdin</c> modes.</summary>
    internal static byte[] JoinZ(IEnumerable<string> items)
    {
        var builder = new StringBuilder();
        foreach (var item in items)
            builder.Append(item).Append('\0');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
