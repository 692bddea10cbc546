using System.Runtime.InteropServices;

namespace Wright.Tools.Search;

/// <summary>
/// libc's open/read/close for grep on Linux: opening through the BCL also fstats and flocks (and unlocks) every file,
/// which doubles the system calls of a search over thousands of small files. O_NONBLOCK keeps a FIFO in the tree from
/// blocking the search (a FIFO without a writer reads as empty).
/// </summary>
internal static partial class NativeFile
{
    private const int OpenFlags = 0x0 /* O_RDONLY */ | 0x100 /* O_NOCTTY */ | 0x800 /* O_NONBLOCK */ | 0x80000 /* O_CLOEXEC */;
    private const int EINTR = 4;

    /// <summary>Whether these calls can be used here (the flag values above are Linux's).</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux();

    /// <summary>Opens a file for reading; -1 on failure.</summary>
    public static int Open(string path)
    {
        int fd;
        do
        {
            fd = OpenCore(path, OpenFlags);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);
        return fd;
    }

    /// <summary>Reads up to <c>buffer.Length</c> bytes; 0 at the end, -1 on failure.</summary>
    public static unsafe int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint read;
            do
            {
                read = ReadCore(fd, p, buffer.Length);
            }
            while (read < 0 && Marshal.GetLastPInvokeError() == EINTR);
            return (int)read;
        }
    }

    /// <summary>Closes a descriptor.</summary>
    public static void Close(int fd) => _ = CloseCore(fd);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenCore(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadCore(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseCore(int fd);
}
