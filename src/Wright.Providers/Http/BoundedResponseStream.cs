using Wright.Core.Events;
using Wright.Core.Providers;

namespace Wright.Providers.Http;

/// <summary>
/// A model's response stream with a ceiling on its size. The SSE parser keeps a line, and an event's data lines,
/// whole until they end, and the clients gather text and tool-call arguments until the response ends, so a hostile
/// or broken endpoint sending one endless line, endless events or an enormous tool call would otherwise take all the
/// memory there is. A real response is far smaller (even 128K output tokens with reasoning stay below a few MB);
/// past <see cref="Limit"/> bytes reading fails with a <see cref="ProviderException"/> that says so.
/// </summary>
internal sealed class BoundedResponseStream(Stream inner, long limit, string provider) : Stream
{
    /// <summary>The default ceiling of one response: 64 MB.</summary>
    public const long DefaultLimit = 64L * 1024 * 1024;

    private long _read;

    /// <summary>The most bytes this stream hands out.</summary>
    public long Limit { get; } = limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer[..Window(buffer.Length)]));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = Window(buffer.Length);
        return Count(await inner.ReadAsync(buffer[..n], cancellationToken).ConfigureAwait(false));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>How much of a buffer of <paramref name="wanted"/> bytes may be filled; throws once the ceiling is reached.</summary>
    private int Window(int wanted)
    {
        var left = Limit - _read;
        if (left <= 0 && wanted > 0)
        {
            throw new ProviderException(ErrorKind.ServerError,
                $"the response stream from {provider} exceeded {Limit / (1024 * 1024)} MB without ending; it was cut off (a model's answer is far smaller)");
        }

        return (int)Math.Min(wanted, Math.Max(left, 0));
    }

    private int Count(int read)
    {
        _read += read;
        return read;
    }
}
