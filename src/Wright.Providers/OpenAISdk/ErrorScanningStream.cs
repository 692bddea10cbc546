using System.Text;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.OpenAISdk;

/// <summary>
/// Wraps an SSE response body read by the OpenAI SDK and throws a classified <see cref="ProviderException"/> as soon as
/// an error event has arrived: the SDK 2.14 drops a Chat Completions <c>data: {"error":…}</c> chunk silently and
/// Microsoft.Extensions.AI reports a Responses <c>error</c> event only as content without its type, so without this a
/// quota or invalid-request error mid-stream looked like a cut stream and was retried. Bytes pass through unchanged;
/// only event boundaries are tracked (one line at a time, capped).
/// </summary>
internal sealed class ErrorScanningStream(Stream inner, string provider) : Stream
{
    /// <summary>Lines longer than this are passed on unread (error events are small).</summary>
    private const int MaxLine = 1 << 20;

    private readonly MemoryStream _line = new();
    private readonly StringBuilder _data = new();
    private bool _lineTooLong;
    private string? _event;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Scan(buffer[..read], read == 0);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Scan(buffer.Span[..read], read == 0);
        return read;
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
        {
            inner.Dispose();
            _line.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await _line.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Scan(ReadOnlySpan<byte> bytes, bool end)
    {
        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf((byte)'\n');
            var piece = newline < 0 ? bytes : bytes[..newline];
            if (!_lineTooLong)
            {
                if (_line.Length + piece.Length > MaxLine)
                    _lineTooLong = true;
                else
                    _line.Write(piece);
            }

            if (newline < 0)
                break;
            EndLine();
            bytes = bytes[(newline + 1)..];
        }

        if (end)
        {
            if (_line.Length > 0)
                EndLine();
            Dispatch();
        }
    }

    private void EndLine()
    {
        var line = _lineTooLong ? "" : Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length).TrimEnd('\r');
        var tooLong = _lineTooLong;
        _line.SetLength(0);
        _lineTooLong = false;
        if (tooLong)
            return;
        if (line.Length == 0)
        {
            Dispatch();
        }
        else if (line.StartsWith("event:", StringComparison.Ordinal))
        {
            _event = line[6..].Trim();
        }
        else if (line.StartsWith("data:", StringComparison.Ordinal))
        {
            if (_data.Length > 0)
                _data.Append('\n');
            _data.Append(line.AsSpan(line.Length > 5 && line[5] == ' ' ? 6 : 5));
        }
    }

    private void Dispatch()
    {
        var name = _event;
        var data = _data.ToString();
        _event = null;
        _data.Clear();
        var mayBeError = name == "error" || data.Contains("\"error\"", StringComparison.Ordinal) || data.Contains("response.failed", StringComparison.Ordinal);
        if (!mayBeError || data.Length == 0 || data == "[DONE]")
            return;
        if (ProviderErrors.FromStreamEvent(data, provider) is { } error)
            throw error;
        if (name == "error")
            throw new ProviderException(ErrorKind.ServerError, $"{provider} reported an error mid-stream: {data}");
    }
}
