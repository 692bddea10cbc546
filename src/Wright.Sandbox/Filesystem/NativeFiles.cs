using System.Runtime.InteropServices;

namespace Wright.Sandbox.Filesystem;

/// <summary>
/// libc file calls for paths a sandboxed command may control: nothing here follows a final link, blocks on a FIFO or
/// reads more than asked (the BCL's File APIs follow links, block in open() on a FIFO and flock what they open).
/// </summary>
internal static unsafe partial class NativeFiles
{
    public const uint TypeMask = 0xF000;
    public const uint Directory = 0x4000;
    public const uint Regular = 0x8000;
    public const uint Link = 0xA000;
    public const uint Socket = 0xC000;
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    private const int ORdOnly = 0x0;
    private const int ONoCtty = 0x100;
    private const int ONonBlock = 0x800;
    private const int ODirectory = 0x10000;
    private const int ONoFollow = 0x20000;
    private const int OCloexec = 0x80000;
    private const int LockSh = 1;
    private const int LockEx = 2;
    private const int LockNb = 4;
    private const int EIntr = 4;

    /// <summary>The type and size of <paramref name="path"/> itself (a link is a link); null when it does not exist or cannot be examined.</summary>
    public static (uint Type, long Size)? Examine(string path)
    {
        var buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
            return null;
        return ((uint)(*(ushort*)(buffer + 28) & TypeMask), *(long*)(buffer + 40));
    }

    /// <summary>Whether <paramref name="path"/> is itself of <paramref name="type"/>.</summary>
    public static bool Is(string path, uint type) => Examine(path) is { } found && found.Type == type;

    /// <summary>
    /// Reads a small regular file that a command may have replaced: no link followed (O_NOFOLLOW), no blocking on a
    /// FIFO (O_NONBLOCK), a regular file checked on the open descriptor, at most <paramref name="maxBytes"/> read.
    /// Null when it is anything else or larger.
    /// </summary>
    public static byte[]? ReadSmallFile(string path, int maxBytes)
    {
        var fd = Open(path, ORdOnly | ONoCtty | ONonBlock | ONoFollow | OCloexec);
        if (fd < 0)
            return null;
        try
        {
            var buffer = stackalloc byte[256];
            if (Statx(fd, "", AtEmptyPath, StatxBasicStats, buffer) != 0 || (*(ushort*)(buffer + 28) & TypeMask) != Regular)
                return null;
            var size = *(long*)(buffer + 40);
            if (size > maxBytes)
                return null;
            var data = new byte[size];
            var total = 0;
            fixed (byte* p = data)
            {
                while (total < data.Length)
                {
                    var read = Read(fd, p + total, data.Length - total);
                    if (read < 0 && Marshal.GetLastPInvokeError() == EIntr)
                        continue;
                    if (read <= 0)
                        break;
                    total += (int)read;
                }
            }

            return total == data.Length ? data : data[..total];
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Opens a directory (not through a final link) for locking; -1 on failure. Close-on-exec: it never reaches a command.</summary>
    public static int OpenDirectory(string path) => Open(path, ORdOnly | ODirectory | ONoFollow | OCloexec);

    /// <summary>Takes a shared lock, waiting for it.</summary>
    public static bool LockShared(int fd)
    {
        int result;
        do
        {
            result = Flock(fd, LockSh);
        }
        while (result != 0 && Marshal.GetLastPInvokeError() == EIntr);
        return result == 0;
    }

    /// <summary>Takes an exclusive lock if nobody holds one; false otherwise.</summary>
    public static bool TryLockExclusive(int fd) => Flock(fd, LockEx | LockNb) == 0;

    /// <summary>Closes a descriptor (its locks go with it).</summary>
    public static void CloseDescriptor(int fd)
    {
        if (fd >= 0)
            _ = Close(fd);
    }

    /// <summary>Removes an empty directory (rmdir: never through a link, never a non-empty one).</summary>
    public static bool RemoveEmptyDirectory(string path) => RmDir(path) == 0;

    /// <summary>Removes a directory entry itself (unlink: a link is removed, never followed).</summary>
    public static bool Unlink(string path) => UnlinkCore(path) == 0;

    /// <summary>Creates a directory (mode 0700 unless given); false when it exists or cannot be created.</summary>
    public static bool MakeDirectory(string path, uint mode = 0x1C0) => MkDir(path, mode) == 0;

    /// <summary>Whether this process may create entries in <paramref name="folder"/> (access(2) W_OK|X_OK).</summary>
    public static bool Writable(string folder) => Access(folder, 2 | 1) == 0;

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "rmdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RmDir(string path);

    [LibraryImport("libc", EntryPoint = "unlink", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int UnlinkCore(string path);

    [LibraryImport("libc", EntryPoint = "mkdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MkDir(string path, uint mode);
}
