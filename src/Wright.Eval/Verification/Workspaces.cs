using System.Diagnostics;
using Wright.Core.Processes;
using Wright.Eval.Suites;

namespace Wright.Eval.Verification;

/// <summary>Makes a fresh workspace for a task: its files copied in (Harbor, polyglot) or its repository at the base commit (SWE).</summary>
internal static class Workspaces
{
    /// <summary>Where the workspace is bound while verifying: the task's WORKDIR, else <c>/workspace</c>.</summary>
    public static string WorkDirOf(EvalTask task) => task.WorkDir ?? "/workspace";

    public static async Task PrepareAsync(EvalTask task, string workspace, CancellationToken cancellationToken)
    {
        if (Directory.Exists(workspace))
            Directory.Delete(workspace, recursive: true);
        Directory.CreateDirectory(workspace);
        if (task.Repository is { } repo)
        {
            await GitAsync(cancellationToken, "clone", "--quiet", "--no-hardlinks", "--no-checkout", repo, workspace);
            await GitAsync(cancellationToken, "-C", workspace, "checkout", "--quiet", "--detach", task.BaseCommit!);
            return;
        }

        foreach (var (source, target) in task.Files)
            Copy(source, Path.Combine(workspace, target));
    }

    /// <summary>
    /// Removes a scratch folder the sandbox wrote (best effort): links are removed, never followed, and folders the
    /// task made read-only (Go's module cache does) are made writable first.
    /// </summary>
    public static void Remove(string path)
    {
        for (var attempt = 0; attempt < 2 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt == 0 && !OperatingSystem.IsWindows())
                    MakeWritable(path);
            }
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakeWritable(string dir)
    {
        try
        {
            var info = new DirectoryInfo(dir);
            if (info.LinkTarget is not null)
                return;
            info.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            foreach (var sub in info.EnumerateDirectories())
            {
                if (sub.LinkTarget is null)
                    MakeWritable(sub.FullName);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // what cannot be made writable stays behind
        }
    }

    /// <summary>Puts the task's own test files back (an agent cannot pass by rewriting the tests).</summary>
    public static void RestoreProtected(EvalTask task, string workspace)
    {
        foreach (var (source, target) in task.ProtectedFiles)
        {
            var path = Path.Combine(workspace, target);
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
                File.Delete(path);
            Copy(source, path);
        }
    }

    public static void Copy(string source, string target)
    {
        if (Directory.Exists(source))
        {
            Directory.CreateDirectory(target);
            foreach (var entry in Directory.EnumerateFileSystemEntries(source))
                Copy(entry, Path.Combine(target, Path.GetFileName(entry)));
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
        // Keep the executable bit of scripts.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(target, File.GetUnixFileMode(source));
    }

    /// <summary>Runs host git (trusted path) with arguments; throws <see cref="EvalException"/> on failure.</summary>
    public static async Task GitAsync(CancellationToken cancellationToken, params string[] args)
    {
        var psi = new ProcessStartInfo(TrustedPrograms.Resolve("git")) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new EvalException("git " + string.Join(' ', args.Where(a => !a.StartsWith('/'))) + ": " + (await stderr).Trim());
    }
}
