using Microsoft.Win32.SafeHandles;
using Wright.Tools.Files.Native;

namespace Wright.Tools.Files;

/// <summary>
/// Where the file tools touch the disk. A path inside the workspace is reached from a descriptor of the workspace
/// root, component by component, never through a link (<see cref="Beneath"/>): whatever a sandboxed process swaps in
/// between two calls, an operation either lands on the entry inside the workspace that was named or fails.
/// <list type="bullet">
/// <item>Writes (write, edit, patch, delete, move) never follow a link, neither on the way nor at the file itself:
/// the parent directory is opened without following links and the file is replaced by a rename in it. A link in the
/// way is refused with a message that names its target.</item>
/// <item>Reads follow a link only while it resolves to a place beneath the workspace (the walk expands it itself,
/// holding a descriptor at every step; '..' cannot climb above the root); one that leads out is refused. A read never
/// blocks: files are opened <c>O_NONBLOCK</c> and must be regular files.</item>
/// <item>A path outside the workspace (the permission layer asked the user for it) is opened as the path says, but
/// the same file rules apply: regular files only, non-blocking, a write never follows a final link.</item>
/// </list>
/// </summary>
public static class WorkspaceFs
{
    private const int MaxHops = 40;

    /// <summary>The workspace-relative path of <paramref name="full"/> ('/'-separated, "" for the root), or null outside.</summary>
    public static string? Relative(string full, string workspace)
    {
        var root = Root(workspace);
        if (full == root)
            return "";
        if (full.StartsWith(root == "/" ? "/" : root + "/", StringComparison.Ordinal))
            return full[(root == "/" ? 1 : root.Length + 1)..];
        return null;
    }

    /// <summary>Opens the parent directory of <paramref name="full"/> for a write: inside the workspace no link is followed.</summary>
    public static DirectoryHandle OpenParent(string full, string workspace, bool create, out string name)
    {
        Require();
        full = Path.GetFullPath(full);
        name = Path.GetFileName(full);
        var directory = Path.GetDirectoryName(full) ?? "/";
        if (name.Length == 0)
            throw new UnsafePathException($"{WorkspacePaths.Show(full, workspace)} is a directory", PathProblem.IsDirectory);
        if (Relative(directory, workspace) is not { } relative)
        {
            if (create)
                Directory.CreateDirectory(directory);
            var fd = Beneath.Retry(() => Libc.Open(directory, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0));
            return fd < 0 ? throw Failure(-fd, WorkspacePaths.Show(directory, workspace)) : new DirectoryHandle(Libc.Own(fd)!, directory, workspace);
        }

        using var root = OpenRoot(workspace);
        var fast = Beneath.Open(root, relative, Libc.O_PATH | Libc.O_DIRECTORY);
        if (fast >= 0)
            return new DirectoryHandle(Libc.Own(fast)!, directory, workspace);
        return Walk(root, workspace, relative, followLinks: false, create);
    }

    /// <summary>
    /// Opens a directory for reading (listing, searching): inside the workspace links are followed while they stay
    /// beneath it; <see cref="DirectoryHandle.FullPath"/> is where it really is.
    /// </summary>
    public static DirectoryHandle OpenDirectory(string full, string workspace)
    {
        Require();
        full = Path.GetFullPath(full);
        if (Relative(full, workspace) is not { } relative)
        {
            var fd = Beneath.Retry(() => Libc.Open(full, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0));
            return fd < 0 ? throw Failure(-fd, WorkspacePaths.Show(full, workspace)) : new DirectoryHandle(Libc.Own(fd)!, full, workspace);
        }

        using var root = OpenRoot(workspace);
        var fast = Beneath.Open(root, relative, Libc.O_RDONLY | Libc.O_DIRECTORY);
        if (fast >= 0)
            return new DirectoryHandle(Libc.Own(fast)!, full, workspace);
        return Walk(root, workspace, relative + "/.", followLinks: true, create: false);
    }

    /// <summary>
    /// Opens a regular file for reading without blocking. Inside the workspace, links are followed only while they
    /// stay beneath it (<paramref name="followLinks"/> false: not at all); <paramref name="resolved"/> is the file's
    /// real absolute path.
    /// </summary>
    public static SafeFileHandle OpenRead(string full, string workspace, out FileStat stat, out string resolved, bool followLinks = true)
    {
        Require();
        full = Path.GetFullPath(full);
        resolved = full;
        var shown = WorkspacePaths.Show(full, workspace);
        if (Relative(full, workspace) is not { } relative)
        {
            var fd = Beneath.Retry(() => Libc.Open(full, DirectoryHandle.ReadFlags | (followLinks ? 0 : Libc.O_NOFOLLOW), 0));
            if (fd < 0)
                throw -fd == Libc.ELOOP && !followLinks ? LinkRefused(shown, File.ResolveLinkTarget(full, false)?.ToString()) : Failure(-fd, shown);
            return DirectoryHandle.CheckRegular(Libc.Own(fd)!, shown, out stat);
        }

        if (relative.Length == 0)
            throw new UnsafePathException($"{shown} is a directory", PathProblem.IsDirectory, Libc.EISDIR);
        using var root = OpenRoot(workspace);
        var fast = Beneath.Open(root, relative, DirectoryHandle.ReadFlags);
        if (fast >= 0)
            return DirectoryHandle.CheckRegular(Libc.Own(fast)!, shown, out stat);
        if (-fast is Libc.ENOENT or Libc.EACCES or Libc.EPERM)
            throw Failure(-fast, shown);

        // A link on the way (or a race): the exact walk decides, and explains.
        for (var attempt = 0; ; attempt++)
        {
            using var parent = Walk(root, workspace, relative, followLinks, create: false, followFinal: followLinks, out var name);
            var fd = Beneath.Retry(() => Libc.OpenAt(parent.Handle, name, DirectoryHandle.ReadFlags | Libc.O_NOFOLLOW, 0));
            if (fd == -Libc.ELOOP && followLinks && attempt < 3)
                continue; // the entry became a link after the walk looked at it: walk again
            if (fd < 0)
                throw parent.Failure(-fd, name);
            resolved = parent.PathOf(name);
            return DirectoryHandle.CheckRegular(Libc.Own(fd)!, WorkspacePaths.Show(resolved, workspace), out stat);
        }
    }

    /// <summary>What is at a path (links followed as a read follows them); null when nothing is.</summary>
    public static FileStat? Stat(string full, string workspace)
    {
        Require();
        full = Path.GetFullPath(full);
        if (Relative(full, workspace) is not { } relative)
            return Libc.StatPath(full, followLinks: true, out var outside) == 0 ? FileStat.From(outside) : null;
        using var root = OpenRoot(workspace);
        try
        {
            using var parent = Walk(root, workspace, relative.Length == 0 ? "." : relative, followLinks: true, create: false, followFinal: true, out var name);
            return parent.Lstat(name);
        }
        catch (UnsafePathException ex) when (ex.Problem is PathProblem.NotFound or PathProblem.NotDirectory)
        {
            return null;
        }
    }

    /// <summary>Reads a small file by path without blocking and without following a final link (ignore files).</summary>
    public static byte[]? ReadSmallFile(string path, long max, bool followFinalLink = false)
    {
        if (!Libc.Supported)
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        var fd = Beneath.Retry(() => Libc.Open(path, DirectoryHandle.ReadFlags | (followFinalLink ? 0 : Libc.O_NOFOLLOW), 0));
        if (fd < 0)
            return null;
        using var handle = Libc.Own(fd)!;
        if (Libc.Stat(handle, "", false, out var s) != 0 || !FileStat.From(s).IsFile)
            return null;
        return ReadAll(handle, (long)s.Size, max);
    }

    /// <summary>Reads from an open file until its end or <paramref name="max"/> bytes.</summary>
    internal static byte[] ReadAll(SafeFileHandle handle, long sizeHint, long max)
    {
        var buffer = new byte[(int)Math.Min(Math.Max(sizeHint, 0) + 1, Math.Max(max, 0))];
        var count = 0;
        while (count < max)
        {
            if (count == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(max, Math.Max(buffer.Length * 2L, 4096)));
            var read = Libc.Read(handle, buffer.AsSpan(count));
            if (read < 0)
                throw new UnsafePathException(Libc.Describe(Libc.Errno), PathProblem.Other, Libc.Errno);
            if (read == 0)
                break;
            count += read;
        }

        return count == buffer.Length ? buffer : buffer[..count];
    }

    internal static UnsafePathException LinkRefused(string shown, string? target) => new(
        $"{shown} is a symbolic link{(target is null ? "" : $" (to {target})")}; file tools never write through a link: give the path of what it points to instead",
        PathProblem.Link, Libc.ELOOP);

    internal static UnsafePathException Failure(int errno, string shown) => errno switch
    {
        Libc.ENOENT => new UnsafePathException($"{shown} does not exist", PathProblem.NotFound, errno),
        Libc.ENOTDIR => new UnsafePathException($"{shown}: a folder on the way is a file", PathProblem.NotDirectory, errno),
        Libc.EISDIR => new UnsafePathException($"{shown} is a directory", PathProblem.IsDirectory, errno),
        Libc.EACCES or Libc.EPERM => new UnsafePathException($"permission denied: {shown}", PathProblem.Denied, errno),
        Libc.ELOOP => new UnsafePathException($"{shown}: a symbolic link is in the way; file tools never write through links", PathProblem.Link, errno),
        Libc.EXDEV => new UnsafePathException($"{shown} leads outside the workspace", PathProblem.Outside, errno),
        _ => new UnsafePathException($"{shown}: {Libc.Describe(errno)}", PathProblem.Other, errno),
    };

    private static string Root(string workspace)
    {
        var root = Path.GetFullPath(workspace);
        return root.Length > 1 ? root.TrimEnd('/') : root;
    }

    private static void Require()
    {
        if (!Libc.Supported)
            throw new PlatformNotSupportedException("Wright's file tools need Linux (openat2/O_NOFOLLOW based access).");
    }

    private static SafeFileHandle OpenRoot(string workspace)
    {
        var fd = Beneath.Retry(() => Libc.Open(Root(workspace), Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0));
        return fd < 0 ? throw Failure(-fd, Root(workspace)) : Libc.Own(fd)!;
    }

    /// <summary>The directory at <paramref name="relative"/> itself (its last component is ".").</summary>
    private static DirectoryHandle Walk(SafeFileHandle root, string workspace, string relative, bool followLinks, bool create)
    {
        var parent = Walk(root, workspace, relative.EndsWith("/.", StringComparison.Ordinal) ? relative : relative + "/.", followLinks, create, followFinal: false, out _);
        return parent;
    }

    /// <summary>
    /// The exact walk: from the root, one component at a time, each directory opened O_PATH|O_DIRECTORY|O_NOFOLLOW
    /// relative to the previous one. A link is expanded in place when <paramref name="followLinks"/> (absolute targets
    /// must point into the workspace; '..' cannot climb above the root), refused otherwise. Missing folders are created
    /// (mkdirat in the held parent) when <paramref name="create"/>. Returns the parent of the last component and its
    /// name; a last component of "." means the directory itself (name ".").
    /// </summary>
    private static DirectoryHandle Walk(SafeFileHandle root, string workspace, string relative, bool followLinks, bool create, bool followFinal, out string name)
    {
        var rootPath = Root(workspace);
        var realRoot = RealPath(root) ?? rootPath;
        var pending = new Stack<string>();
        Push(pending, relative);
        var dirs = new List<(SafeFileHandle Fd, string Name)>();
        var hops = 0;
        try
        {
            while (pending.TryPop(out var part))
            {
                var current = dirs.Count == 0 ? root : dirs[^1].Fd;
                var here = dirs.Count == 0 ? rootPath : rootPath.TrimEnd('/') + "/" + string.Join('/', dirs.Select(d => d.Name));
                string Shown(string entry) => WorkspacePaths.Show(here.TrimEnd('/') + "/" + entry, workspace);
                if (part.Length == 0)
                    continue;
                var last = pending.All(p => p.Length == 0);
                if (part == ".")
                {
                    if (!last)
                        continue;
                    name = ".";
                    return Own(current, here, workspace);
                }

                if (part == "..")
                {
                    if (dirs.Count == 0)
                        throw new UnsafePathException($"{WorkspacePaths.Show(rootPath + "/" + relative, workspace)} leads outside the workspace ('..' above its root)", PathProblem.Outside, Libc.EXDEV);
                    dirs[^1].Fd.Dispose();
                    dirs.RemoveAt(dirs.Count - 1);
                    if (last)
                        pending.Push(".");
                    continue;
                }

                if (Libc.Stat(current, part, followLinks: false, out var raw) != 0)
                {
                    var errno = Libc.Errno;
                    if (errno != Libc.ENOENT)
                        throw Failure(errno, Shown(part));
                    if (last)
                    {
                        name = part;
                        return Own(current, here, workspace);
                    }

                    if (!create)
                        throw Failure(Libc.ENOENT, Shown(part));
                    if (Libc.MkdirAt(current, part, 0x1FF) != 0 && Libc.Errno != Libc.EEXIST)
                        throw Failure(Libc.Errno, Shown(part));
                    pending.Push(part);
                    continue;
                }

                var stat = FileStat.From(raw);
                if (stat.IsLink)
                {
                    var target = Libc.ReadLink(current, part);
                    if (!followLinks || (last && !followFinal))
                    {
                        if (last)
                        {
                            name = part;
                            return Own(current, here, workspace);
                        }

                        throw LinkRefused(Shown(part), target);
                    }

                    if (++hops > MaxHops || target is null)
                        throw new UnsafePathException($"{Shown(part)}: too many levels of symbolic links", PathProblem.Link, Libc.ELOOP);
                    if (target.StartsWith('/'))
                    {
                        var normalized = Path.GetFullPath(target);
                        var below = Below(normalized, rootPath) ?? Below(normalized, realRoot)
                            ?? throw new UnsafePathException($"{Shown(part)} is a symbolic link to {target}, outside the workspace; refusing to follow it. Give the real path if that is intended", PathProblem.Outside, Libc.EXDEV);
                        foreach (var dir in dirs)
                            dir.Fd.Dispose();
                        dirs.Clear();
                        Push(pending, below);
                    }
                    else
                    {
                        Push(pending, target);
                    }

                    continue;
                }

                if (last)
                {
                    name = part;
                    return Own(current, here, workspace);
                }

                if (!stat.IsDirectory)
                    throw new UnsafePathException($"{Shown(part)} is {stat.KindText}, not a folder", PathProblem.NotDirectory, Libc.ENOTDIR);
                var fd = Beneath.Retry(() => Libc.OpenAt(current, part, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0));
                if (fd < 0)
                {
                    // Swapped for something else since the stat: look again (bounded like links).
                    if (-fd is Libc.ELOOP or Libc.ENOTDIR or Libc.ENOENT && ++hops <= MaxHops)
                    {
                        pending.Push(part);
                        continue;
                    }

                    throw Failure(-fd, Shown(part));
                }

                dirs.Add((Libc.Own(fd)!, part));
            }

            name = ".";
            return Own(dirs.Count == 0 ? root : dirs[^1].Fd, dirs.Count == 0 ? rootPath : rootPath.TrimEnd('/') + "/" + string.Join('/', dirs.Select(d => d.Name)), workspace);
        }
        finally
        {
            foreach (var dir in dirs)
                dir.Fd.Dispose();
        }
    }

    /// <summary>A new descriptor of a held directory (the walk's own are closed when it returns).</summary>
    private static DirectoryHandle Own(SafeFileHandle directory, string path, string workspace)
    {
        var fd = Beneath.Retry(() => Libc.OpenAt(directory, ".", Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0));
        return fd < 0 ? throw Failure(-fd, WorkspacePaths.Show(path, workspace)) : new DirectoryHandle(Libc.Own(fd)!, path, workspace);
    }

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
            pending.Push(parts[i]);
    }

    private static string? Below(string full, string root)
    {
        if (full == root)
            return ".";
        var prefix = root == "/" ? "/" : root + "/";
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..] : null;
    }

    /// <summary>Where a held descriptor really is (/proc/self/fd), for absolute link targets.</summary>
    private static string? RealPath(SafeFileHandle handle)
    {
        try
        {
            return File.ResolveLinkTarget("/proc/self/fd/" + handle.DangerousGetHandle(), false)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
