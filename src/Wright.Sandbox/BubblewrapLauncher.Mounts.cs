using System.Text;
using Wright.Sandbox.Filesystem;
using Wright.Tools.Shell;

namespace Wright.Sandbox;

public sealed partial class BubblewrapLauncher
{
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
            if (!Directory.Exists(home) || Inside(home, _workspace) || hidden.Any(h => Inside(home, h)))
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

        var homesInside = _homes.Where(h => Inside(h, _workspace)).ToList();
        var created = ProtectWorkspace(a, runtime, allowPlaceholders: !homesInside.Contains(_workspace));
        foreach (var home in homesInside)
            ProtectHome(a, runtime, home);

        foreach (var dir in _maskedDirectories)
            Add(a, "--tmpfs", dir);
        foreach (var file in HostSecrets.Where(File.Exists).Concat(Directory.Exists("/etc/ssh") ? Directory.EnumerateFiles("/etc/ssh", "ssh_host_*_key") : []))
            Add(a, "--ro-bind", "/dev/null", file);
        foreach (var dir in HostSecretDirectories.Where(Directory.Exists))
            Add(a, "--tmpfs", dir);
        // A file under a hidden folder (outside the workspace) is not in the sandbox at all: nothing to mount over.
        foreach (var file in EnvFiles.Find(_workspace).Distinct(StringComparer.Ordinal))
        {
            var visible = Inside(file, _workspace) || !hidden.Any(h => Inside(file, h));
            if (visible && !_maskedDirectories.Any(m => Inside(file, m)) && !HostSecretDirectories.Any(d => Inside(file, d)))
                Add(a, "--ro-bind", runtime.EmptyFile, file);
        }
        if (runtime.Socket is not null)
            Add(a, "--bind", runtime.Socket, SandboxSocket);
        return created;
    }

    /// <summary>
    /// The workspace's protected paths: an existing one is bound read-only onto itself (a mount point: it can be
    /// neither written nor renamed, removed or replaced); an absent one gets an empty read-only placeholder at its
    /// first missing component, so it cannot be created; a link is refused (a command could replace the link).
    /// </summary>
    private List<string> ProtectWorkspace(List<string> a, Runtime runtime, bool allowPlaceholders)
    {
        var created = new List<string>();
        foreach (var relative in ProtectedPaths.Workspace)
        {
            var folder = relative.EndsWith('/');
            var parts = relative.TrimEnd('/').Split('/');
            var path = _workspace;
            for (var i = 0; i < parts.Length; i++)
            {
                path = Path.Combine(path, parts[i]);
                var last = i == parts.Length - 1;
                var found = NativeFiles.Examine(path);
                if (found is null)
                {
                    if (allowPlaceholders)
                    {
                        Add(a, "--ro-bind", !last || folder ? runtime.EmptyFolder : runtime.EmptyFile, path);
                        created.Add(path);
                    }

                    break;
                }

                if (found.Value.Type == NativeFiles.Link)
                    throw Refused(path);
                if (last)
                {
                    Add(a, "--ro-bind", path, path);
                    if (relative == ".git/")
                        ProtectGitDirectories(a, path, found.Value.Type);
                    break;
                }

                if (found.Value.Type != NativeFiles.Directory)
                    break;
            }
        }

        return created;
    }

    /// <summary>
    /// The git folders <c>.git</c> points to: the <c>gitdir:</c> of a <c>.git</c> file (a worktree or an absorbed
    /// submodule) and a <c>commondir</c>, read-only when they lie in the workspace (outside it they are read-only
    /// already). Read as hostile input: no link followed, no FIFO opened, 4 KB at most.
    /// </summary>
    private void ProtectGitDirectories(List<string> a, string git, uint type)
    {
        var gitDirectory = git;
        if (type == NativeFiles.Regular)
        {
            if (Pointer(git, "gitdir:", _workspace) is not { } target)
                return;
            gitDirectory = target;
            ProtectInside(a, target);
        }

        if (type is NativeFiles.Regular or NativeFiles.Directory && Pointer(Path.Combine(gitDirectory, "commondir"), "", gitDirectory) is { } common)
            ProtectInside(a, common);
    }

    /// <summary>Binds <paramref name="path"/> read-only if it is a folder inside the workspace reached without links.</summary>
    private void ProtectInside(List<string> a, string path)
    {
        if (!Inside(path, _workspace) || path == _workspace)
            return;
        var current = _workspace;
        foreach (var part in path[(_workspace.Length + 1)..].Split('/'))
        {
            current = Path.Combine(current, part);
            var found = NativeFiles.Examine(current);
            if (found is null)
                return;
            if (found.Value.Type == NativeFiles.Link)
                throw Refused(current);
        }

        if (NativeFiles.Is(path, NativeFiles.Directory))
            Add(a, "--ro-bind", path, path);
    }

    /// <summary>The path a small pointer file names (after <paramref name="prefix"/>), resolved against <paramref name="baseDirectory"/>; null when unreadable.</summary>
    private static string? Pointer(string file, string prefix, string baseDirectory)
    {
        if (NativeFiles.ReadSmallFile(file, 4096) is not { } bytes)
            return null;
        var text = Encoding.UTF8.GetString(bytes).Trim();
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var target = text[prefix.Length..].Trim();
        if (target.Length == 0 || target.Contains('\n', StringComparison.Ordinal) || target.Contains('\0', StringComparison.Ordinal))
            return null;
        return Path.GetFullPath(target, baseDirectory).TrimEnd('/');
    }

    /// <summary>
    /// A home inside the workspace (a refused setup the CLI guards against, made safe here too): its own folder is
    /// read-only, so nothing can be created, removed or replaced at its top; its ordinary entries stay writable; its
    /// dot entries and <c>bin</c> stay read-only (and what their links point to in the workspace); its secrets are
    /// hidden.
    /// </summary>
    private void ProtectHome(List<string> a, Runtime runtime, string home)
    {
        Add(a, "--ro-bind", home, home);
        // When the home is the workspace itself, its protected names stay read-only too.
        var protectedNames = home == _workspace ? ProtectedPaths.Workspace.Select(p => p.Split('/')[0]).ToHashSet(StringComparer.Ordinal) : [];
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        var entries = new DirectoryInfo(home).EnumerateFileSystemInfos("*", options).ToList();
        foreach (var entry in entries.Where(e => e.LinkTarget is null && !IsStartup(e.Name) && !protectedNames.Contains(e.Name)))
            Add(a, "--bind", entry.FullName, entry.FullName);

        // After the writable entries: a startup link's target in one of them stays read-only.
        foreach (var entry in entries.Where(e => e.LinkTarget is not null && IsStartup(e.Name)))
        {
            if (Resolve(entry) is { } target && Inside(target, _workspace) && target != _workspace)
                Add(a, "--ro-bind", target, target);
        }

        foreach (var relative in ProtectedPaths.HomeSecrets)
        {
            var path = Path.Combine(home, relative.TrimEnd('/'));
            var found = NativeFiles.Examine(path);
            if (found is null)
                continue;
            var target = found.Value.Type == NativeFiles.Link ? Resolve(new FileInfo(path)) : path;
            if (target is null || target == "/" || target == _workspace)
                continue;
            Add(a, "--ro-bind", Directory.Exists(target) ? runtime.EmptyFolder : runtime.EmptyFile, target);
        }
    }

    private static bool IsStartup(string name) => name.StartsWith('.') || name == "bin";

    private static string? Resolve(FileSystemInfo link)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            return target is not null && Path.Exists(target.FullName) ? Homes.Canonical(target.FullName) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static CommandRefusedException Refused(string path) =>
        new($"the sandbox cannot protect {path}: it is a symbolic link, and a command could replace it with its own. Replace the link with the folder or file it points to (or run without the sandbox: --permission-mode yolo).");

    private static bool Inside(string path, string folder) =>
        path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);
}
