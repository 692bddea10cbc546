using System.Buffers.Text;
using System.Security.Cryptography;
using ModelContextProtocol.Server;

namespace Wright.Mcp.Server;

/// <summary>One Streamable HTTP session of <see cref="McpHttpHost"/>: its transport and the MCP server running on it.</summary>
internal sealed class Session : IAsyncDisposable
{
    private readonly CancellationTokenSource _closed;
    private readonly McpServer _server;
    private readonly Task _run;
    private int _disposed;

    /// <summary>1 once a GET stream is open (one per session).</summary>
    public int GetStreams;

    private Session(string id, StreamableHttpServerTransport transport, McpServer server, CancellationTokenSource closed, Task run)
    {
        Id = id;
        Transport = transport;
        _server = server;
        _closed = closed;
        _run = run;
    }

    public string Id { get; }

    public StreamableHttpServerTransport Transport { get; }

    public CancellationToken Closed => _closed.Token;

    public static Session Create(McpServerOptions options, CancellationToken stopping)
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var id = Base64Url.EncodeToString(random);
        var transport = new StreamableHttpServerTransport(null) { SessionId = id };
        var server = McpServer.Create(transport, options);
        var closed = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        return new Session(id, transport, server, closed, server.RunAsync(closed.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _closed.CancelAsync();
        await Transport.DisposeAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Ended by the cancellation above.
        }

        await _server.DisposeAsync();
        _closed.Dispose();
    }
}
