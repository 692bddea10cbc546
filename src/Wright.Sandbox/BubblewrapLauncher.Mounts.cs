using Wright.Sandbox.Filesystem;
using Wright.Tools.Shell;

namespace Wright.Sandbox;

public sealed partial class BubblewrapLauncher
{
    /// <summary>More dotenv files than this: the sandbox refuses to run (each is one mount).</summary>
    private const int MaxEnvFiles = 2000;

    /// <summary>
    /// Adds bwrap's namespace and mount options; returns the placeholders bwrap will create on the host. Order
    /// matters (a later mount covers an earlier one): the read-only root and private folders, the hidden homes and
    /// socket folders, the writable workspace, then what is protected or hidden inside it.
    /// </summary>
    private List<string> AddMounts(List<string> a, Runtime runtime)
    {
        Add(a, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv");
        if (runtime.Seccomp is not null)
            Add(a, "--seccomp", "3");
        Add(a, "--ro-bind", "/", "/");
        Add(a, "--dev", "/dev");
        Add(a, "--proc", "/proc");
        // /proc read-only: when Wright runs as root, the sandbox's uid is still the host's root (kuid 0), and writable
        // global sysctls such as /proc/sys/kernel/core_pattern would let a command run code on the host.
        Add(a, "--remount-ro", "/proc");
        var hidden = new List<string> { "/tmp", "/run", "/proc", "/sys", "/dev" };
        foreach (var dir in new[] { "/tmp", "/run", "/var/tmp" }.Where(Directory.Exists))
            Add(a, "--tmpfs", dir);
        hidden.Add("/var/tmp");

        // Homes: hidden whole wherever they are, unless inside the workspace (then protected entry by entry below).
        foreach (var home in new[] { "/root", "/home" }.Concat(_homes).Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(home) || PathRules.Inside(home, _workspace) || hidden.Any(h => PathRules.Inside(home, h)))
                continue;
            Add(a, "--tmpfs", home);
            hidden.Add(home);
        }

        // Host unix sockets: read-only mounts do not stop connect(); their folders are hidden.
        foreach (var folder in HostSockets.FoldersToHide(_workspace, [.. hidden, .. _maskedDirectories]))
        {
            Add(a, "--tmpfs", folder);
            hidden.Add(folder);
        }

        Add(a, "--bind", _workspace, _workspace);

        var protection = new WorkspaceProtection(_workspace, runtime.EmptyFile, runtime.EmptyFolder);
        protection.Plan(_homes.Where(h => PathRules.Inside(h, _workspace)));
        a.AddRange(protection.Arguments);

        foreach (var dir in _maskedDirectories)
            Add(a, "--tmpfs", dir);
        foreach (var file in HostSecrets.Where(File.Exists).Concat(Directory.Exists("/etc/ssh") ? Directory.EnumerateFiles("/etc/ssh", "ssh_host_*_key") : []))
            Add(a, "--ro-bind", "/dev/null", file);
        foreach (var dir in HostSecretDirectories.Where(Directory.Exists))
            Add(a, "--tmpfs", dir);
        // A file under a hidden folder (outside the workspace) is not in the sandbox at all: nothing to mount over.
        var envFiles = EnvFiles.Find(_workspace).Distinct(StringComparer.Ordinal).ToList();
        if (envFiles.Count > MaxEnvFiles)
            throw new CommandRefusedException($"the workspace holds {envFiles.Count} dotenv files (.env, .env.*, .envrc); the sandbox hides at most {MaxEnvFiles}, so it does not run commands here. Remove the ones you do not need.");
        foreach (var file in envFiles)
        {
            var visible = PathRules.Inside(file, _workspace) || !hidden.Any(h => PathRules.Inside(file, h));
            if (visible && !_maskedDirectories.Any(m => PathRules.Inside(file, m)) && !HostSecretDirectories.Any(d => PathRules.Inside(file, d)))
                Add(a, "--ro-bind", runtime.EmptyFile, file);
        }
        if (runtime.Socket is not null)
            Add(a, "--bind", runtime.Socket, SandboxSocket);
        return protection.Created;
    }
}
