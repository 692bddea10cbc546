using System.Collections.Concurrent;
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

    private static readonly ConcurrentDictionary<string, string> RealRoots = new(StringComparer.Ordinal);

    /// <summary>
    /// The workspace-relative path of <paramref name="full"/> ('/'-separated, "" for the root), or null outside. A path
    /// under the workspace's real path (its links resolved) counts as inside too: it is the same directory.
    /// </summary>
    public static string? Relative(string full, string workspace)
    {
        var root = Root(workspace);
        return Under(full, root) ?? (RealRoot(root) is { } real && real != root ? Under(full, real) : null);

        static string? Under(string full, string root) =>
            full == root ? "" : full.StartsWith(root == "/" ? "/" : root + "/", StringComparison.Ordinal) ? full[(root == "/" ? 1 : root.Length + 1)..] : null;
    }

    private static string? RealRoot(string root) =>
        Libc.Supported ? RealRoots.GetOrAdd(root, static r => Libc.RealPath(r) ?? r) : null;

    /// <summary>Opens the parent directory of <paramref name="full"/> for a write: no link inside the workspace is followed.</summary>
    public static DirectoryHandle OpenParent(string full, string workspace, bool create, out string name)
    {
        Require();
        full = Path.GetFullPath(full);
        name = Path.GetFileName(full);
        var directory = Path.GetDirectoryName(full) ?? "/";
        if (name.Length == 0)
            throw new UnsafePathException($"{WorkspacePaths.Show(full, workspace)} is a directory", PathProblem.IsDirectory, Libc.EISDIR);
        if (Relative(directory, workspace) is { } relative)
        {
            using var root = OpenRoot(workspace);
            var fast = Beneath.Open(root, relative, Libc.O_PATH | Libc.O_DIRECTORY);
            if (fast >= 0)
                return new DirectoryHandle(Libc.Own(fast)!, directory, workspace);
        }

        return Walk(workspace, directory + "/.", followLinks: false, create, followFinal: false, out _);
    }

    /// <summary>
    /// Opens a directory for reading (listing, searching): links inside the workspace are followed while they stay
    /// beneath it; <see cref="DirectoryHandle.FullPath"/> is where it really is.
    /// </summary>
    public static DirectoryHandle OpenDirectory(string full, string workspace)
    {
        Require();
        full = Path.GetFullPath(full);
        if (Relative(full, workspace) is { } relative)
        {
            using var root = OpenRoot(workspace);
            var fast = Beneath.Open(root, relative, Libc.O_RDONLY | Libc.O_DIRECTORY);
            if (fast >= 0)
                return new DirectoryHandle(Libc.Own(fast)!, full, workspace);
        }

        return Walk(workspace, full.TrimEnd('/') + "/.", followLinks: true, create: false, followFinal: false, out _);
    }

    /// <summary>
    /// Opens a regular file for reading without blocking. Links inside the workspace are followed only while they stay
    /// beneath it (<paramref name="followLinks"/> false: not at all); <paramref name="resolved"/> is the file's real
    /// absolute path.
    /// </summary>
    public static SafeFileHandle OpenRead(string full, string workspace, out FileStat stat, out string resolved, bool followLinks = true)
    {
        Require();
        full = Path.GetFullPath(full);
        resolved = full;
        var shown = WorkspacePaths.Show(full, workspace);
        if (Relative(full, workspace) is { } relative)
        {
            if (relative.Length == 0)
                throw new UnsafePathException($"{shown} is a directory", PathProblem.IsDirectory, Libc.EISDIR);
            using var root = OpenRoot(workspace);
            var fast = Beneath.Open(root, relative, DirectoryHandle.ReadFlags);
            if (fast >= 0)
                return DirectoryHandle.CheckRegular(Libc.Own(fast)!, shown, out stat);
            if (-fast is Libc.ENOENT or Libc.EACCES or Libc.EPERM)
                throw Failure(-fast, shown);
        }

        // A link on the way, a path outside the workspace, or a race: the exact walk decides, and explains.
        for (var attempt = 0; ; attempt++)
        {
            using var parent = Walk(workspace, full, followLinks, create: false, followFinal: followLinks, out var name);
            var fd = Beneath.Retry(() => Libc.OpenAt(parent.Handle, name, DirectoryHandle.ReadFlags | Libc.O_NOFOLLOW, 0));
            if (fd == -Libc.ELOOP && followLinks && attempt < 3)
                continue; // the entry became a link after the walk looked at it: walk again
            if (fd < 0)
                throw parent.Failure(-fd, name);
            resolved = name == "." ? parent.FullPath : parent.PathOf(name);
            return DirectoryHandle.CheckRegular(Libc.Own(fd)!, WorkspacePaths.Show(resolved, workspace), out stat);
        }
    }

    /// <summary>What is at a path (links followed as a read follows them); null when nothing is.</summary>
    public static FileStat? Stat(string full, string workspace)
    {
        Require();
        full = Path.GetFullPath(full);
        try
        {
            using var parent = Walk(workspace, full, followLinks: true, create: false, followFinal: true, out var name);
            return parent.Lstat(name);
        }
        catch (UnsafePathException ex) when (ex.Problem is PathProblem.NotFound or PathProblem.NotDirectory)
        {
            return null;
        }
    }

    /// <summary>
    /// The text of a file the host reads for itself (instruction files, mentioned files): opened as a read tool opens
    /// it (inside the workspace links only while they stay beneath it; never blocking; regular files only), decoded as
    /// UTF-8, at most <paramref name="maxBytes"/> bytes; null when it cannot be read that way.
    /// </summary>
    public static string? ReadText(string path, string workspace, int maxBytes)
    {
        try
        {
            using var handle = OpenRead(path, workspace, out var stat, out _);
            return System.Text.Encoding.UTF8.GetString(ReadAll(handle, stat.Size, maxBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
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
    public static byte[] ReadAll(SafeFileHandle handle, long sizeHint, long max)
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

    /// <summary>
    /// The exact walk, one component at a time, each directory opened O_PATH|O_DIRECTORY|O_NOFOLLOW relative to the
    /// previous one. A path inside the workspace starts at the workspace root; any other starts at "/", follows links
    /// as the path says, and switches to the workspace's rules as soon as it reaches the workspace root (the same
    /// directory, by device and inode, whatever the path that led there). Inside, a link is expanded in place only
    /// when <paramref name="followLinks"/> (absolute targets must point into the workspace; '..' cannot climb out
    /// through it), refused otherwise. Missing folders are created (mkdirat in the held parent) when
    /// <paramref name="create"/>. Returns the parent of the last component and its name; a last component of "."
    /// means the directory itself (name ".").
    /// </summary>
    private static DirectoryHandle Walk(string workspace, string full, bool followLinks, bool create, bool followFinal, out string name)
    {
        var rootPath = Root(workspace);
        using var root = OpenRoot(workspace);
        var realRoot = RealPath(root) ?? rootPath;
        if (Libc.Stat(root, "", false, out var rootStat) != 0)
            throw Failure(Libc.Errno, rootPath);
        var rootId = (FileStat.From(rootStat).Device, rootStat.Inode);
        var pending = new Stack<string>();
        var stack = new List<(SafeFileHandle Fd, string Name)>();
        var inside = -1;
        var throughInsideLink = false;
        var relative = Relative(full, workspace);
        var startedInside = relative is not null;
        if (relative is not null)
        {
            stack.Add((Reopen(root, rootPath, workspace), ""));
            inside = 0;
            Push(pending, relative.Length == 0 ? "." : relative);
        }
        else
        {
            var slash = Beneath.Retry(() => Libc.Open("/", Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0));
            stack.Add((slash < 0 ? throw Failure(-slash, "/") : Libc.Own(slash)!, ""));
            Push(pending, full.TrimStart('/'));
        }

        string Here() => inside >= 0
            ? rootPath.TrimEnd('/') + string.Concat(stack.Skip(inside + 1).Select(d => "/" + d.Name)) is { Length: > 0 } p ? p : "/"
            : "/" + string.Join('/', stack.Skip(1).Select(d => d.Name));

        var hops = 0;
        try
        {
            while (pending.TryPop(out var part))
            {
                var current = stack[^1].Fd;
                string Shown(string entry) => WorkspacePaths.Show(Here().TrimEnd('/') + "/" + entry, workspace);
                if (part.Length == 0)
                    continue;
                var last = pending.All(p => p.Length == 0);
                if (part == ".")
                {
                    if (!last)
                        continue;
                    name = ".";
                    return Own(current, Here(), workspace);
                }

                if (part == "..")
                {
                    if (inside == stack.Count - 1 && (startedInside || throughInsideLink))
                        throw new UnsafePathException($"{WorkspacePaths.Show(full, workspace)} leads outside the workspace ('..' above its root)", PathProblem.Outside, Libc.EXDEV);
                    if (inside == stack.Count - 1)
                        inside = -1;
                    if (stack.Count > 1)
                    {
                        stack[^1].Fd.Dispose();
                        stack.RemoveAt(stack.Count - 1);
                    }

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
                        return Own(current, Here(), workspace);
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
                    var linkInside = inside >= 0;
                    if (last && !followFinal)
                    {
                        name = part;
                        return Own(current, Here(), workspace);
                    }

                    if (linkInside && !followLinks)
                        throw LinkRefused(Shown(part), target);
                    if (++hops > MaxHops || target is null)
                        throw new UnsafePathException($"{Shown(part)}: too many levels of symbolic links", PathProblem.Link, Libc.ELOOP);
                    if (target.StartsWith('/'))
                    {
                        var keep = 1;
                        if (linkInside)
                        {
                            var normalized = Path.GetFullPath(target);
                            target = Below(normalized, rootPath) ?? Below(normalized, realRoot)
                                ?? throw new UnsafePathException($"{Shown(part)} is a symbolic link to {target}, outside the workspace; refusing to follow it. Give the real path if that is intended", PathProblem.Outside, Libc.EXDEV);
                            keep = inside + 1;
                        }
                        else
                        {
                            inside = -1;
                        }

                        for (var i = stack.Count - 1; i >= keep; i--)
                            stack[i].Fd.Dispose();
                        stack.RemoveRange(keep, stack.Count - keep);
                    }

                    throughInsideLink |= linkInside;
                    Push(pending, target.TrimStart('/'));
                    continue;
                }

                if (last)
                {
                    name = part;
                    return Own(current, Here(), workspace);
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

                var opened = Libc.Own(fd)!;
                stack.Add((opened, part));
                if (inside < 0 && Libc.Stat(opened, "", false, out var here) == 0 && (FileStat.From(here).Device, here.Inode) == rootId)
                {
                    // Reached the workspace root from outside: its rules apply from here on.
                    inside = stack.Count - 1;
                    throughInsideLink = false;
                }
            }

            name = ".";
            return Own(stack[^1].Fd, Here(), workspace);
        }
        finally
        {
            foreach (var (fd, _) in stack)
                fd.Dispose();
        }
    }

    private static SafeFileHandle Reopen(SafeFileHandle directory, string path, string workspace)
    {
        var fd = Beneath.Retry(() => Libc.OpenAt(directory, ".", Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0));
        return fd < 0 ? throw Failure(-fd, WorkspacePaths.Show(path, workspace)) : Libc.Own(fd)!;
    }

    /// <summary>A new descriptor of a held directory (the walk's own are closed when it returns).</summary>
    private static DirectoryHandle Own(SafeFileHandle directory, string path, string workspace) =>
        new(Reopen(directory, path, workspace), path, workspace);

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
