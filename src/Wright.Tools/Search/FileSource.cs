using Microsoft.Win32.SafeHandles;
using Wright.Tools.Files;
using Wright.Tools.Files.Native;

namespace Wright.Tools.Search;

/// <summary>
/// A regular file open for sequential reading, opened relative to its held folder without following a link and
/// without blocking (<c>O_NONBLOCK</c>, then a check that it is a regular file: a FIFO swapped in is skipped, never
/// waited on). libc's openat/read directly: the BCL's open also fstats and flocks every file, which doubles the system
/// calls of a search over thousands of small files.
/// </summary>
internal sealed class FileSource : IDisposable
{
    private const int OpenFlags = Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_NOCTTY | Libc.O_CLOEXEC;
    private readonly SafeFileHandle _handle;

    private FileSource(SafeFileHandle handle, long length)
    {
        _handle = handle;
        Length = length;
    }

    /// <summary>The file's size when opened: how much to make room for (it may still change while it is read).</summary>
    public long Length { get; }

    /// <summary>Opens a file of a held folder; null when it cannot be opened or is not a regular file.</summary>
    public static FileSource? Open(DirectoryHandle folder, string name)
    {
        int fd;
        do
        {
            fd = Libc.OpenAt(folder.Handle, name, OpenFlags | Libc.O_NOFOLLOW, 0);
        }
        while (fd < 0 && Libc.Errno == Libc.EINTR);
        if (fd < 0)
            return null;
        var handle = Libc.Own(fd)!;
        if (Libc.Stat(handle, "", followLinks: false, out var stat) != 0 || (stat.Mode & Libc.S_IFMT) != Libc.S_IFREG)
        {
            handle.Dispose();
            return null;
        }

        return new FileSource(handle, (long)stat.Size);
    }

    /// <summary>Wraps a file already opened safely (see <see cref="WorkspaceFs.OpenRead"/>), of the size its stat showed.</summary>
    public static FileSource Wrap(SafeFileHandle handle, long length) => new(handle, length);

    /// <summary>Reads the next bytes; 0 at the end, -1 on failure.</summary>
    public int Read(Span<byte> buffer) => Libc.Read(_handle, buffer);

    /// <summary>Reads at <paramref name="offset"/>, leaving the position of <see cref="Read"/> alone; 0 at the end, -1 on failure.</summary>
    public int ReadAt(Span<byte> buffer, long offset)
    {
        try
        {
            return RandomAccess.Read(_handle, buffer, offset);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return -1;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
