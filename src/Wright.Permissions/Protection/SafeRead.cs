using System.Runtime.InteropServices;
using System.Text;

namespace Wright.Permissions.Protection;

/// <summary>
/// Reads a file the sandbox may have written (a <c>.git</c> file's <c>gitdir:</c>, a git directory's <c>commondir</c>,
/// a dependency manifest or lockfile) without trusting it: libc <c>open</c> with <c>O_NOFOLLOW</c> (a symlink is not followed),
/// <c>O_NONBLOCK</c> (a FIFO or device does not block) and <c>O_NOCTTY</c>, then at most a given number of bytes. The BCL
/// cannot open without following links or without blocking, hence P/Invoke (AOT-safe <c>LibraryImport</c>).
/// </summary>
internal static partial class SafeRead
{
    private const int OpenFlags = 0x0 /* O_RDONLY */ | 0x100 /* O_NOCTTY */ | 0x800 /* O_NONBLOCK */ | 0x20000 /* O_NOFOLLOW */ | 0x80000 /* O_CLOEXEC */;
    private const int EINTR = 4;

    /// <summary>The first line of a regular file (at most <paramref name="maxBytes"/> bytes read), or null.</summary>
    public static string? FirstLine(string path, int maxBytes = 4096)
    {
        if (Bytes(path, maxBytes, out var length) is not { } buffer)
            return null;
        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var end = text.IndexOfAny(['\n', '\r']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>The text of a regular file of at most <paramref name="maxBytes"/> bytes (UTF-8), or null (absent, not a regular file, a link, larger).</summary>
    public static string? Text(string path, int maxBytes)
    {
        if (Bytes(path, maxBytes + 1, out var length) is not { } buffer || length > maxBytes)
            return null;
        var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(buffer, start, length - start);
    }

    /// <summary>The start of a regular file (at most <paramref name="maxBytes"/> bytes, UTF-8), read the same way, or null.</summary>
    public static string? Prefix(string path, int maxBytes) =>
        Bytes(path, maxBytes, out var length) is { } buffer ? Encoding.UTF8.GetString(buffer, 0, length) : null;

    private static byte[]? Bytes(string path, int maxBytes, out int length)
    {
        length = 0;
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            // lstat first: only a regular file is read (a FIFO or device swapped in after this check still cannot
            // block, thanks to O_NONBLOCK, and O_NOFOLLOW refuses a link).
            var info = new FileInfo(path);
            if (!info.Exists || info.LinkTarget is not null || (info.Attributes & (FileAttributes.Directory | FileAttributes.Device)) != 0)
                return null;
            maxBytes = (int)Math.Min(maxBytes, info.Length + 1); // a small file gets a small buffer
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        int fd;
        do
        {
            fd = Open(path, OpenFlags);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);
        if (fd < 0)
            return null;
        try
        {
            var buffer = new byte[maxBytes];
            while (length < buffer.Length)
            {
                var read = Read(fd, buffer, length, buffer.Length - length);
                if (read <= 0)
                    break;
                length += read;
            }

            return buffer;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static unsafe int Read(int fd, byte[] buffer, int offset, int count)
    {
        fixed (byte* p = buffer)
        {
            nint read;
            do
            {
                read = ReadCore(fd, p + offset, count);
            }
            while (read < 0 && Marshal.GetLastPInvokeError() == EINTR);
            return (int)read;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadCore(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
