using Microsoft.Win32.SafeHandles;

namespace Wright.Tools.Search;

/// <summary>A file open for sequential reading: a libc descriptor on Linux (<see cref="NativeFile"/>), else a BCL handle.</summary>
internal sealed class FileSource : IDisposable
{
    private readonly int _fd;
    private readonly SafeFileHandle? _handle;
    private long _offset;

    private FileSource(int fd, SafeFileHandle? handle)
    {
        _fd = fd;
        _handle = handle;
    }

    /// <summary>Opens a file; null when it cannot be opened.</summary>
    public static FileSource? Open(string path)
    {
        if (NativeFile.Supported)
            return NativeFile.Open(path) is var fd and >= 0 ? new FileSource(fd, null) : null;
        try
        {
            return new FileSource(-1, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads the next bytes; 0 at the end, -1 on failure.</summary>
    public int Read(Span<byte> buffer)
    {
        if (_handle is null)
            return NativeFile.Read(_fd, buffer);
        try
        {
            var read = RandomAccess.Read(_handle, buffer, _offset);
            _offset += read;
            return read;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle is null)
            NativeFile.Close(_fd);
        else
            _handle.Dispose();
    }
}
