using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Wright.Tools.Files.Native;

/// <summary>
/// The Linux calls the file tools are built on: everything relative to a held directory descriptor, no link followed
/// (<c>openat2</c> with <c>RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS</c>, or <c>openat</c> with <c>O_NOFOLLOW</c> one
/// component at a time), <c>renameat</c>/<c>unlinkat</c>/<c>mkdirat</c> in the held directory, <c>statx</c> for a
/// layout that is the same on every architecture. The BCL offers none of these.
/// </summary>
internal static unsafe partial class Libc
{
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int E2BIG = 7;
    public const int EPERM = 1;
    public const int ENOSYS = 38;
    public const int ELOOP = 40;
    public const int ENOTEMPTY = 39;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NOCTTY = 0x100;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int O_PATH = 0x200000;

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_REMOVEDIR = 0x200;
    public const int AT_EMPTY_PATH = 0x1000;

    public const ulong RESOLVE_NO_MAGICLINKS = 0x02;
    public const ulong RESOLVE_NO_SYMLINKS = 0x04;
    public const ulong RESOLVE_BENEATH = 0x08;

    public const uint S_IFMT = 0xF000;
    public const uint S_IFDIR = 0x4000;
    public const uint S_IFREG = 0x8000;
    public const uint S_IFLNK = 0xA000;
    public const uint S_IFIFO = 0x1000;
    public const uint S_IFSOCK = 0xC000;
    public const uint S_IFCHR = 0x2000;
    public const uint S_IFBLK = 0x6000;

    public const byte DT_UNKNOWN = 0;
    public const byte DT_DIR = 4;
    public const byte DT_REG = 8;
    public const byte DT_LNK = 10;

    private const uint STATX_BASIC_STATS = 0x7FF;
    private const nint SYS_openat2 = 437; // the same number on every architecture (added after the syscall tables were unified)

    /// <summary>Whether these calls can be used (Linux only: the flag values and syscalls are Linux's).</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux();

    /// <summary><c>O_DIRECTORY</c>: arm64 (and 32-bit arm) number it differently from the generic value.</summary>
    public static int O_DIRECTORY { get; } = IsArm ? 0x4000 : 0x10000;

    /// <summary><c>O_NOFOLLOW</c>, per architecture like <see cref="O_DIRECTORY"/>.</summary>
    public static int O_NOFOLLOW { get; } = IsArm ? 0x8000 : 0x20000;

    private static bool IsArm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    /// <summary>The last error of a call into libc.</summary>
    public static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>The kernel's text for an error number, e.g. "No such file or directory".</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary><c>struct open_how</c> of openat2.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    /// <summary><c>struct statx</c> (256 bytes); only the fields used are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatX
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(16)] public uint Nlink;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    /// <summary>openat2 through syscall(2) (glibc has no wrapper); -1 and errno on failure.</summary>
    public static int OpenAt2(SafeFileHandle dirfd, string path, ulong flags, ulong mode, ulong resolve)
    {
        var how = new OpenHow { Flags = flags, Mode = mode, Resolve = resolve };
        var bytes = Utf8(path);
        fixed (byte* p = bytes)
        {
            var added = false;
            try
            {
                dirfd.DangerousAddRef(ref added);
                return (int)SyscallOpenAt2(SYS_openat2, (int)dirfd.DangerousGetHandle(), p, &how, (nuint)sizeof(OpenHow));
            }
            finally
            {
                if (added)
                    dirfd.DangerousRelease();
            }
        }
    }

    /// <summary>openat2 relative to the current directory, to probe whether the kernel offers it.</summary>
    public static int OpenAt2Probe()
    {
        var how = new OpenHow { Flags = (ulong)(O_PATH | O_CLOEXEC), Resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS };
        var bytes = Utf8(".");
        fixed (byte* p = bytes)
            return (int)SyscallOpenAt2(SYS_openat2, AT_FDCWD, p, &how, (nuint)sizeof(OpenHow));
    }

    /// <summary>statx of a name in a directory (or of the descriptor itself when the name is empty).</summary>
    public static int Stat(SafeFileHandle dirfd, string name, bool followLinks, out StatX stat)
    {
        var flags = (followLinks ? 0 : AT_SYMLINK_NOFOLLOW) | (name.Length == 0 ? AT_EMPTY_PATH : 0);
        fixed (StatX* s = &stat)
            return StatXCore(dirfd, name, flags, STATX_BASIC_STATS, s);
    }

    /// <summary>statx of an absolute path.</summary>
    public static int StatPath(string path, bool followLinks, out StatX stat)
    {
        fixed (StatX* s = &stat)
            return StatXPath(AT_FDCWD, path, followLinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, s);
    }

    /// <summary>The target of a symbolic link, or null.</summary>
    public static string? ReadLink(SafeFileHandle dirfd, string name)
    {
        var buffer = new byte[4096];
        fixed (byte* b = buffer)
        {
            var length = ReadLinkAtCore(dirfd, name, b, (nuint)buffer.Length);
            return length < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, (int)length);
        }
    }

    /// <summary>Writes all bytes; false and errno on failure.</summary>
    public static bool WriteAll(SafeFileHandle fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var written = WriteCore(fd, p + done, (nuint)(bytes.Length - done));
                if (written < 0)
                {
                    if (Errno == EINTR)
                        continue;
                    return false;
                }

                done += (int)written;
            }
        }

        return true;
    }

    /// <summary>Reads up to <c>buffer.Length</c> bytes; 0 at the end, -1 on failure.</summary>
    public static int Read(SafeFileHandle fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint read;
            do
            {
                read = ReadCore(fd, p, (nuint)buffer.Length);
            }
            while (read < 0 && Errno == EINTR);
            return (int)read;
        }
    }

    /// <summary>The canonical path (every link resolved), or null.</summary>
    public static string? RealPath(string path)
    {
        var resolved = RealPathCore(path, 0);
        if (resolved == 0)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>Wraps a descriptor (closed when the handle is disposed); null for -1.</summary>
    public static SafeFileHandle? Own(int fd) => fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
        System.Text.Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathCore(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint SyscallOpenAt2(nint number, int dirfd, byte* path, OpenHow* how, nuint size);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatXCore(SafeFileHandle dirfd, string path, int flags, uint mask, StatX* buffer);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatXPath(int dirfd, string path, int flags, uint mask, StatX* buffer);

    [LibraryImport("libc", EntryPoint = "readlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint ReadLinkAtCore(SafeFileHandle dirfd, string path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteCore(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadCore(SafeFileHandle fd, byte* buffer, nuint count);

    /// <summary>openat(2) relative to a held directory.</summary>
    [LibraryImport("libc", EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int OpenAt(SafeFileHandle dirfd, string path, int flags, uint mode);

    /// <summary>open(2) of an absolute path (the workspace root itself, or a path the user approved outside it).</summary>
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, uint mode);

    /// <summary>renameat(2): never follows a link; replacing a link replaces the link itself.</summary>
    [LibraryImport("libc", EntryPoint = "renameat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int RenameAt(SafeFileHandle oldDir, string oldName, SafeFileHandle newDir, string newName);

    /// <summary>unlinkat(2).</summary>
    [LibraryImport("libc", EntryPoint = "unlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int UnlinkAt(SafeFileHandle dirfd, string name, int flags);

    /// <summary>mkdirat(2).</summary>
    [LibraryImport("libc", EntryPoint = "mkdirat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MkdirAt(SafeFileHandle dirfd, string name, uint mode);

    /// <summary>symlinkat(2), to put back a link a failed patch had deleted.</summary>
    [LibraryImport("libc", EntryPoint = "symlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int SymlinkAt(string target, SafeFileHandle dirfd, string name);

    /// <summary>fchmod(2).</summary>
    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int FChmod(SafeFileHandle fd, uint mode);

    /// <summary>fsync(2).</summary>
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(SafeFileHandle fd);

    /// <summary>fdopendir(3): takes over the descriptor.</summary>
    [LibraryImport("libc", EntryPoint = "fdopendir", SetLastError = true)]
    public static partial nint FdOpenDir(int fd);

    /// <summary>readdir(3): the next <c>struct dirent</c> (d_type at 18, d_name at 19 on 64-bit Linux), or 0.</summary>
    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    public static partial nint ReadDir(nint dir);

    /// <summary>closedir(3).</summary>
    [LibraryImport("libc", EntryPoint = "closedir")]
    public static partial int CloseDir(nint dir);

    /// <summary>close(2), for a descriptor not yet wrapped.</summary>
    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);
}
