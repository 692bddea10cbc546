using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Wright.Tools.Files.Native;

namespace Wright.Tools.Files;

/// <summary>
/// A directory held open by descriptor. Every operation names one entry of it and never follows a link there: a
/// write goes to a temporary file created with <c>O_CREAT|O_EXCL|O_NOFOLLOW</c> in this directory and is renamed over
/// the entry (so a link at the entry is replaced, never written through), deletes and renames are
/// <c>unlinkat</c>/<c>renameat</c> here. Swapping the directory's path for a link after it was opened changes
/// nothing: the descriptor still names the directory that was checked.
/// </summary>
public sealed class DirectoryHandle : IDisposable
{
    private readonly string _workspace;

    internal DirectoryHandle(SafeFileHandle handle, string fullPath, string workspace)
    {
        Handle = handle;
        FullPath = fullPath;
        _workspace = workspace;
    }

    /// <summary>The absolute path this directory was reached by.</summary>
    public string FullPath { get; }

    internal SafeFileHandle Handle { get; }

    /// <summary>The absolute path of an entry.</summary>
    public string PathOf(string name) => FullPath == "/" ? "/" + name : FullPath + "/" + name;

    /// <summary>How to show an entry: relative inside the workspace, absolute outside.</summary>
    public string Show(string name) => WorkspacePaths.Show(PathOf(name), _workspace);

    /// <summary>What is at an entry, without following a link; null when nothing is.</summary>
    public FileStat? Lstat(string name)
    {
        if (Libc.Stat(Handle, name, followLinks: false, out var stat) == 0)
            return FileStat.From(stat);
        var errno = Libc.Errno;
        return errno is Libc.ENOENT ? null : throw Failure(errno, name);
    }

    /// <summary>The target of the link at an entry, or null.</summary>
    public string? ReadLink(string name) => Libc.ReadLink(Handle, name);

    /// <summary>
    /// Opens a regular file for reading, never following a link and never blocking (<c>O_NONBLOCK</c>: a FIFO is
    /// refused after the open returns instead of waiting for a writer).
    /// </summary>
    public SafeFileHandle OpenRead(string name, out FileStat stat)
    {
        var fd = Beneath.Retry(() => Libc.OpenAt(Handle, name, ReadFlags, 0));
        if (fd < 0)
            throw Failure(-fd, name);
        return CheckRegular(Libc.Own(fd)!, Show(name), out stat);
    }

    /// <summary>Reads a regular file (at most <paramref name="max"/> bytes) without following a link.</summary>
    public byte[] ReadAll(string name, long max, out FileStat stat)
    {
        using var handle = OpenRead(name, out stat);
        return WorkspaceFs.ReadAll(handle, stat.Size, max);
    }

    /// <summary>
    /// Replaces (or creates) an entry with <paramref name="bytes"/> atomically: a temporary file in this directory,
    /// fsynced, given <paramref name="permissions"/> (or the umask's default for a new file), renamed over the entry.
    /// Refuses when the entry is a link, a directory or not a regular file (<paramref name="replaceAnything"/>: replaces
    /// a link or FIFO too, for putting back what a failed patch changed). Returns the new file's state.
    /// </summary>
    public FileStat WriteAtomic(string name, ReadOnlySpan<byte> bytes, uint? permissions = null, bool replaceAnything = false)
    {
        if (!replaceAnything)
            RequireFile(name, Lstat(name));
        var temp = TempName(name);
        var fd = Beneath.Retry(() => Libc.OpenAt(Handle, temp, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC,
            permissions is null ? 0x1B6u /* 0666, less the umask */ : 0x180u /* 0600 until fchmod */));
        if (fd < 0)
            throw Failure(-fd, name);
        var renamed = false;
        try
        {
            FileStat stat;
            using (var handle = Libc.Own(fd)!)
            {
                if (!Libc.WriteAll(handle, bytes) || Libc.FSync(handle) != 0
                    || (permissions is { } mode && Libc.FChmod(handle, mode) != 0) || Libc.Stat(handle, "", false, out var written) != 0)
                    throw Failure(Libc.Errno, name);
                stat = FileStat.From(written);
            }

            if (Libc.RenameAt(Handle, temp, Handle, name) != 0)
                throw Failure(Libc.Errno, name);
            renamed = true;
            return stat;
        }
        finally
        {
            if (!renamed)
                _ = Libc.UnlinkAt(Handle, temp, 0);
        }
    }

    /// <summary>Removes an entry (a file or a link, never what a link points to; a directory is refused).</summary>
    public void Delete(string name)
    {
        if (Libc.UnlinkAt(Handle, name, 0) != 0)
            throw Failure(Libc.Errno, name);
    }

    /// <summary>Removes an empty directory entry.</summary>
    public void RemoveEmptyDirectory(string name)
    {
        if (Libc.UnlinkAt(Handle, name, Libc.AT_REMOVEDIR) != 0)
            throw Failure(Libc.Errno, name);
    }

    /// <summary>Creates a symbolic link (used to put back a link a failed patch had removed).</summary>
    public void CreateLink(string target, string name)
    {
        if (Libc.SymlinkAt(target, Handle, name) != 0)
            throw Failure(Libc.Errno, name);
    }

    /// <summary>The entries (not "." and ".."), with their <c>d_type</c> (0 when the file system does not say).</summary>
    public List<(string Name, byte Type)> List()
    {
        var result = new List<(string, byte)>();
        var fd = Beneath.Retry(() => Libc.OpenAt(Handle, ".", Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0));
        if (fd < 0)
            throw Failure(-fd, ".");
        var dir = Libc.FdOpenDir(fd);
        if (dir == 0)
        {
            var errno = Libc.Errno;
            Libc.Close(fd);
            throw Failure(errno, ".");
        }

        try
        {
            while (Libc.ReadDir(dir) is var entry and not 0)
            {
                var name = Marshal.PtrToStringUTF8(entry + 19) ?? "";
                if (name is "." or ".." or "")
                    continue;
                result.Add((name, Marshal.ReadByte(entry + 18)));
            }
        }
        finally
        {
            Libc.CloseDir(dir);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();

    internal const int ReadFlags = Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_NOCTTY | Libc.O_CLOEXEC;

    internal static SafeFileHandle CheckRegular(SafeFileHandle handle, string shown, out FileStat stat)
    {
        if (Libc.Stat(handle, "", false, out var s) != 0)
        {
            var errno = Libc.Errno;
            handle.Dispose();
            throw new UnsafePathException($"{shown}: {Libc.Describe(errno)}", PathProblem.Other, errno);
        }

        stat = FileStat.From(s);
        if (stat.IsFile)
            return handle;
        handle.Dispose();
        throw stat.IsDirectory
            ? new UnsafePathException($"{shown} is a directory", PathProblem.IsDirectory, Libc.EISDIR)
            : new UnsafePathException($"{shown} is {stat.KindText}, not a regular file; file tools read and write regular files only", PathProblem.NotRegular);
    }

    /// <summary>Throws unless the entry is a regular file or missing (what a write may replace).</summary>
    public void RequireFile(string name, FileStat? existing)
    {
        if (existing is { IsFile: false } other)
            throw NotAFile(name, other);
    }

    private UnsafePathException NotAFile(string name, FileStat existing) => existing.IsLink
        ? WorkspaceFs.LinkRefused(Show(name), ReadLink(name))
        : existing.IsDirectory
            ? new UnsafePathException($"{Show(name)} is a directory", PathProblem.IsDirectory, Libc.EISDIR)
            : new UnsafePathException($"{Show(name)} is {existing.KindText}, not a regular file; refusing to replace it", PathProblem.NotRegular);

    internal UnsafePathException Failure(int errno, string name)
    {
        if (errno == Libc.ELOOP && Lstat(name) is { IsLink: true })
            return WorkspaceFs.LinkRefused(Show(name), ReadLink(name));
        return WorkspaceFs.Failure(errno, Show(name));
    }

    private static string TempName(string name)
    {
        var stem = name.Length > 180 ? name[..180] : name;
        return $".{stem}.wright-{Guid.NewGuid():N}.tmp";
    }
}
