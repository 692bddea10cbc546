using System.Diagnostics;
using Wright.Core.Processes;
using Wright.Eval.Suites;
using Wright.Eval.Text;

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
            CopyInto(source, workspace, target);
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
            CopyInto(source, workspace, target);
    }

    /// <summary>
    /// Copies a task's file or folder to <paramref name="relative"/> in <paramref name="workspace"/>, replacing what is
    /// there. Both sides are hostile: the task's files name their own targets (<c>../../.bashrc</c> in a suite's
    /// config, a Dockerfile's <c>COPY x ../..</c>), and the workspace is what the agent left (a folder on the way
    /// swapped for a link to the home folder). So the target must lie inside the workspace (else
    /// <see cref="EvalException"/>), nothing on the way to it is followed — a link or file where a folder belongs is
    /// removed and a real folder made — a link in the task is copied as a link (as Docker's <c>COPY</c> does), never
    /// read through, and what is neither a file, a folder nor a link (a FIFO, a device) is skipped.
    /// </summary>
    public static void CopyInto(string source, string workspace, string relative)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspace));
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(root, relative)));
        if (target != root && !target.StartsWith(root + "/", StringComparison.Ordinal))
            throw new EvalException(string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.OutsideWorkspace, relative));
        if (target == root)
        {
            if (KindOf(source) == Entry.Directory)
                CopyEntries(source, root);
            return;
        }

        // Every folder on the way, made real.
        var current = root;
        foreach (var part in Path.GetRelativePath(root, Path.GetDirectoryName(target)!).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            current = Path.Combine(current, part);
            if (KindOf(current) != Entry.Directory)
            {
                RemoveEntry(current);
                Directory.CreateDirectory(current);
            }
        }

        CopyEntry(source, target);
    }

    private enum Entry
    {
        None,
        File,
        Directory,
        Link,
        Other,
    }

    /// <summary>What is at <paramref name="path"/> itself (lstat: a link is a link; a FIFO, socket or device is Other).</summary>
    private static Entry KindOf(string path) => Wright.Sandbox.Filesystem.NativeFiles.Examine(path) switch
    {
        null => Entry.None,
        { Type: Wright.Sandbox.Filesystem.NativeFiles.Regular } => Entry.File,
        { Type: Wright.Sandbox.Filesystem.NativeFiles.Directory } => Entry.Directory,
        { Type: Wright.Sandbox.Filesystem.NativeFiles.Link } => Entry.Link,
        _ => Entry.Other,
    };

    private static void RemoveEntry(string path)
    {
        switch (KindOf(path))
        {
            case Entry.None:
                return;
            case Entry.Directory:
                Directory.Delete(path, recursive: true);
                return;
            default:
                File.Delete(path); // a link itself, never its target
                return;
        }
    }

    private static void CopyEntry(string source, string target)
    {
        switch (KindOf(source))
        {
            case Entry.Link:
                RemoveEntry(target);
                File.CreateSymbolicLink(target, new FileInfo(source).LinkTarget!);
                return;
            case Entry.Directory:
                if (KindOf(target) != Entry.Directory)
                {
                    RemoveEntry(target);
                    Directory.CreateDirectory(target);
                }

                CopyEntries(source, target);
                return;
            case Entry.File:
                RemoveEntry(target);
                File.Copy(source, target);
                // Keep the executable bit of scripts.
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(target, File.GetUnixFileMode(source));
                return;
            default:
                return; // missing, a FIFO, a socket or a device: nothing to copy
        }
    }

    private static void CopyEntries(string source, string target)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
            CopyEntry(entry, Path.Combine(target, Path.GetFileName(entry)));
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
