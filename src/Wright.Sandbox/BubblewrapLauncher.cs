using System.Diagnostics;
using Wright.Tools.Shell;

namespace Wright.Sandbox;

/// <summary>
/// Runs every tool process under bubblewrap, following the recipe measured on these machines
/// (shared/notes/security.md): bwrap starts from an EMPTY environment, <c>--unshare-all --die-with-parent
/// --new-session --cap-drop ALL</c>, <c>/</c> read-only, fresh <c>/proc</c> and <c>/dev</c>, private <c>/tmp</c>,
/// home and <c>/run</c>, no network, the workspace the only writable root, and inside it <c>.git/config</c>,
/// <c>.git/hooks</c> and <c>.wright</c> read-only and <c>.env*</c> masked. The workspace comes from the harness
/// (canonicalised here), never from the model.
/// </summary>
public sealed class BubblewrapLauncher : ICommandLauncher
{
    private static readonly string[] ReadOnlyInWorkspace = [".git/config", ".git/hooks", ".wright", ".vscode", ".claude"];
    private static readonly string[] HostSecrets = ["/etc/shadow", "/etc/gshadow", "/etc/sudoers"];
    private readonly string _workspace;
    private readonly string _bwrap;
    private readonly IReadOnlyList<string> _maskedDirectories;

    /// <summary>Creates the launcher for a canonical workspace; <paramref name="maskedDirectories"/> are hidden (e.g. $WRIGHT_HOME).</summary>
    public BubblewrapLauncher(string workspace, IEnumerable<string> maskedDirectories, string bwrap = "/usr/bin/bwrap")
    {
        var canonical = new DirectoryInfo(workspace);
        if (!canonical.Exists)
            throw new DirectoryNotFoundException($"the workspace {workspace} does not exist");
        _workspace = (canonical.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? canonical.FullName).TrimEnd('/');
        _bwrap = bwrap;
        _maskedDirectories = [.. maskedDirectories.Where(Directory.Exists)];
    }

    /// <summary>Whether bubblewrap works here (checked by running it once); the reason when not.</summary>
    public static (bool Available, string Reason) Probe(string bwrap = "/usr/bin/bwrap")
    {
        if (!OperatingSystem.IsLinux())
            return (false, "the sandbox needs Linux");
        if (!File.Exists(bwrap))
            return (false, $"{bwrap} is not installed (apt install bubblewrap)");
        try
        {
            var psi = new ProcessStartInfo(bwrap) { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.Environment.Clear();
            psi.Environment["PATH"] = "/usr/bin:/bin";
            foreach (var a in new[] { "--unshare-all", "--die-with-parent", "--cap-drop", "ALL", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "/bin/true" })
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            if (!process.WaitForExit(5000))
            {
                process.Kill();
                return (false, "bubblewrap did not answer");
            }

            return process.ExitCode == 0 ? (true, "") : (false, "bubblewrap cannot create namespaces here: " + process.StandardError.ReadToEnd().Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (false, ex.Message);
        }
    }

    /// <inheritdoc />
    public ProcessStartInfo Create(IReadOnlyList<string> bashArguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var cwd = Path.GetFullPath(workingDirectory).TrimEnd('/');
        if (cwd != _workspace && !cwd.StartsWith(_workspace + "/", StringComparison.Ordinal))
            cwd = _workspace;

        // setsid: bwrap leads its own process group, so a timeout can kill the whole sandbox at once.
        var psi = new ProcessStartInfo("setsid") { WorkingDirectory = _workspace };
        psi.Environment.Clear();
        psi.Environment["PATH"] = "/usr/bin:/bin";
        var a = psi.ArgumentList;
        a.Add(_bwrap);
        foreach (var flag in new[] { "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv" })
            a.Add(flag);
        Add(a, "--ro-bind", "/", "/");
        Add(a, "--dev", "/dev");
        Add(a, "--proc", "/proc");
        Add(a, "--tmpfs", "/tmp");
        Add(a, "--tmpfs", "/run");
        Add(a, "--tmpfs", "/root");
        if (Directory.Exists("/home"))
            Add(a, "--tmpfs", "/home");
        foreach (var dir in _maskedDirectories)
            Add(a, "--tmpfs", dir);
        foreach (var file in HostSecrets.Where(File.Exists))
            Add(a, "--ro-bind", "/dev/null", file);
        Add(a, "--bind", _workspace, _workspace);
        foreach (var relative in ReadOnlyInWorkspace)
        {
            var path = Path.Combine(_workspace, relative);
            if (File.Exists(path) || Directory.Exists(path))
                Add(a, "--ro-bind", path, path);
        }

        foreach (var secret in Directory.EnumerateFiles(_workspace, ".env*"))
            Add(a, "--ro-bind", "/dev/null", secret);

        // Files the harness itself needs written (the shell's cwd record, background logs) stay writable.
        foreach (var key in new[] { "WRIGHT_CWD_FILE", "WRIGHT_LOG" })
        {
            if (environment.TryGetValue(key, out var file) && Path.GetDirectoryName(file) is { } dir && Directory.Exists(dir))
                Add(a, "--bind", dir, dir);
        }

        foreach (var (name, value) in environment)
        {
            if (name is "HOME" or "TMPDIR")
                continue;
            Add(a, "--setenv", name, value);
        }

        Add(a, "--setenv", "HOME", "/tmp");
        Add(a, "--setenv", "TMPDIR", "/tmp");
        Add(a, "--chdir", cwd);
        a.Add("--");
        a.Add("/bin/bash");
        foreach (var arg in bashArguments)
            a.Add(arg);
        return psi;
    }

    private static void Add(IList<string> list, params string[] items)
    {
        foreach (var item in items)
            list.Add(item);
    }
}
