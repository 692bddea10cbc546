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

    /// <summary>Requests and streams of this session being served now; a busy session is never idle.</summary>
    public int Active;

    /// <summary>When the session was last used (<see cref="Environment.TickCount64"/>).</summary>
    public long LastUsed = Environment.TickCount64;

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

    /// <summary>True when nothing of this session is being served and it was last used over <paramref name="timeout"/> ago.</summary>
    public bool IdleFor(TimeSpan timeout) =>
        Volatile.Read(ref Active) == 0 && Environment.TickCount64 - Interlocked.Read(ref LastUsed) > (long)timeout.TotalMilliseconds;

    /// <summary>Marks the session in use until the returned scope is disposed.</summary>
    public Use Enter()
    {
        Interlocked.Increment(ref Active);
        Interlocked.Exchange(ref LastUsed, Environment.TickCount64);
        return new Use(this);
    }

    /// <summary>A span of use of a session (see <see cref="Enter"/>).</summary>
    public readonly struct Use(Session session) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Exchange(ref session.LastUsed, Environment.TickCount64);
            Interlocked.Decrement(ref session.Active);
        }
    }

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
