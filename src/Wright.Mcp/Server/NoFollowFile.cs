using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Wright.Mcp.Server;

/// <summary>
/// Opens a file for reading without following a symlink in its last component (O_NOFOLLOW) and without blocking on a
/// FIFO (O_NONBLOCK): the BCL has neither flag.
/// </summary>
internal static partial class NoFollowFile
{
    private const int Flags = 0x0 /* O_RDONLY */ | 0x100 /* O_NOCTTY */ | 0x800 /* O_NONBLOCK */ | 0x20000 /* O_NOFOLLOW */ | 0x80000 /* O_CLOEXEC */;
    private const int EINTR = 4;

    /// <summary>The open file, or null with the errno in <paramref name="errno"/> (ELOOP, 40, for a link).</summary>
    public static SafeFileHandle? OpenRead(string path, out int errno)
    {
        errno = 0;
        if (!OperatingSystem.IsLinux())
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        int fd;
        do
        {
            fd = Open(path, Flags);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);
        if (fd >= 0)
            return new SafeFileHandle(fd, ownsHandle: true);
        errno = Marshal.GetLastPInvokeError();
        return null;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);
}
