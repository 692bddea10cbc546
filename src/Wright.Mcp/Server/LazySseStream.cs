using System.Net;

namespace Wright.Mcp.Server;

/// <summary>
/// The body of an SSE response: the event-stream headers go out with the first byte (or an explicit flush), so a POST
/// that produces nothing can still be answered 202 Accepted.
/// </summary>
internal sealed class LazySseStream(HttpListenerResponse response) : Stream
{
    public bool Started { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => Start().Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => Start().FlushAsync(cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => Start().Write(buffer, offset, count);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var body = Start();
        await body.WriteAsync(buffer, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private Stream Start()
    {
        if (!Started)
        {
            Started = true;
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.AddHeader("Cache-Control", "no-cache, no-store");
            response.SendChunked = true;
        }

        return response.OutputStream;
    }
}
