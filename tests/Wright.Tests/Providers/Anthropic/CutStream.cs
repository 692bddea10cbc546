namespace Wright.Tests.Providers.Anthropic;

/// <summary>A stream that serves some bytes and then fails like a cut connection.</summary>
internal sealed class CutStream(byte[] head) : Stream
{
    private int _position;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= head.Length)
            throw new IOException("connection reset by peer");
        var n = Math.Min(count, head.Length - _position);
        Array.Copy(head, _position, buffer, offset, n);
        _position += n;
        return n;
    }
}
