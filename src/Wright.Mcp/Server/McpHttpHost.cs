using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Wright.Mcp.Server;

/// <summary>
/// An MCP server over Streamable HTTP (spec 2025-06-18 / 2025-11-25): one endpoint, <c>/mcp</c>; POST carries JSON-RPC
/// and is answered as an SSE stream (or 202 for notifications and responses); GET opens the session's standalone SSE
/// stream; DELETE ends a session. Sessions are named by <c>Mcp-Session-Id</c>.
/// </summary>
/// <remarks>
/// The protocol work is done by the SDK's <see cref="StreamableHttpServerTransport"/> (ModelContextProtocol.Core);
/// this class is only the HTTP shell around it, on <see cref="HttpListener"/> (managed and AOT-safe on Linux).
/// ModelContextProtocol.AspNetCore would do the same but pulls ASP.NET Core and Kestrel into the NativeAOT binary
/// (tens of MB and a DI/hosting stack with trimming warnings) for one endpoint.
/// DNS-rebinding protection, as the spec requires: Host and Origin must name this server (a loopback name when bound to
/// loopback), else 403. With a token, every request needs <c>Authorization: Bearer &lt;token&gt;</c>, else 401.
/// </remarks>
public sealed class McpHttpHost : IAsyncDisposable
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    private readonly Func<McpServerOptions> _options;
    private readonly string? _token;
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _host;
    private readonly TimeSpan _idleTimeout;

    private McpHttpHost(Func<McpServerOptions> options, string host, int port, string? token, TimeSpan idleTimeout)
    {
        _options = options;
        _token = string.IsNullOrEmpty(token) ? null : token;
        _host = host;
        _idleTimeout = idleTimeout;
        Port = port;
    }

    /// <summary>How long a session may go unused (no request, no open stream) before it is ended by default.</summary>
    public static TimeSpan DefaultIdleTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <summary>The MCP endpoint, e.g. <c>http://127.0.0.1:8931/mcp</c>.</summary>
    public Uri Url => new($"http://{UrlHost(_host)}:{Port}/mcp");

    /// <summary>
    /// Starts listening on <paramref name="host"/>:<paramref name="port"/> (0 picks a free port). Sessions a client
    /// abandons without DELETE end after <paramref name="idleTimeout"/> unused (default <see cref="DefaultIdleTimeout"/>);
    /// their id then gets 404, which tells a client to start a new session.
    /// </summary>
    /// <exception cref="HttpListenerException">The address cannot be bound.</exception>
    public static McpHttpHost Start(Func<McpServerOptions> options, string host, int port, string? token, TimeSpan? idleTimeout = null)
    {
        if (idleTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(idleTimeout), "the idle timeout must be positive");
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        host = host is "*" or "+" ? "0.0.0.0" : host.Trim('[', ']');
        if (port == 0)
            port = FreePort(host);
        var server = new McpHttpHost(options, host, port, token, idleTimeout ?? DefaultIdleTimeout);
        // "0.0.0.0" or "::": every interface, whatever Host the client names.
        server._listener.Prefixes.Add(host is "0.0.0.0" or "::" ? $"http://+:{port}/" : $"http://{UrlHost(host)}:{port}/");
        if (IsLoopbackName(host) && host != "localhost")
            server._listener.Prefixes.Add($"http://localhost:{port}/");
        server._listener.Start();
        return server;
    }

    /// <summary>Serves requests until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var link = cancellationToken.Register(() => _stopping.Cancel());
        var inflight = new List<Task>();
        var sweeper = SweepIdleSessionsAsync(_stopping.Token);
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                break;
            }

            inflight.RemoveAll(t => t.IsCompleted);
            inflight.Add(Task.Run(() => HandleAsync(context, _stopping.Token), CancellationToken.None));
        }

        foreach (var session in _sessions.Values)
            await session.DisposeAsync();
        _sessions.Clear();
        await sweeper;
        try
        {
            await Task.WhenAll(inflight).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or HttpListenerException or IOException)
        {
            // Requests cut short by shutdown.
        }
    }

    /// <summary>Ends sessions left unused for the idle timeout, checking a few times per timeout (at least every minute).</summary>
    private async Task SweepIdleSessionsAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_idleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromMinutes(1).Ticks));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var (id, session) in _sessions)
                {
                    if (session.IdleFor(_idleTimeout) && _sessions.TryRemove(new KeyValuePair<string, Session>(id, session)))
                        await session.DisposeAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var session in _sessions.Values)
            await session.DisposeAsync();
        _sessions.Clear();
        _listener.Close();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        try
        {
            await DispatchAsync(context.Request, response, cancellationToken);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
        catch (InvalidOperationException e)
        {
            await TryWriteErrorAsync(response, 400, e.Message);
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed by the client.
            }
        }
    }

    private async Task DispatchAsync(HttpListenerRequest request, HttpListenerResponse response, CancellationToken cancellationToken)
    {
        if (!IsAllowedOrigin(request))
        {
            await WriteErrorAsync(response, 403, "Forbidden: Host or Origin is not this server (DNS-rebinding protection)");
            return;
        }

        if (_token is not null && !HasToken(request))
        {
            response.AddHeader("WWW-Authenticate", "Bearer");
            await WriteErrorAsync(response, 401, "Unauthorized: a bearer token is required");
            return;
        }

        if (request.Url?.AbsolutePath.TrimEnd('/') != "/mcp")
        {
            await WriteErrorAsync(response, 404, "Not Found: the MCP endpoint is /mcp");
            return;
        }

        switch (request.HttpMethod)
        {
            case "POST":
                await PostAsync(request, response, cancellationToken);
                break;
            case "GET":
                await GetAsync(request, response, cancellationToken);
                break;
            case "DELETE":
                await DeleteAsync(request, response);
                break;
            default:
                response.AddHeader("Allow", "GET, POST, DELETE");
                await WriteErrorAsync(response, 405, "Method Not Allowed");
                break;
        }
    }

    private async Task PostAsync(HttpListenerRequest request, HttpListenerResponse response, CancellationToken cancellationToken)
    {
        var accept = request.Headers["Accept"] ?? "";
        if (!Accepts(accept, "application/json") || !Accepts(accept, "text/event-stream"))
        {
            await WriteErrorAsync(response, 406, "Not Acceptable: the client must accept both application/json and text/event-stream");
            return;
        }

        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync(request.InputStream, MessageType, cancellationToken);
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(response, 400, "Parse error: " + e.Message, -32700);
            return;
        }

        if (message is null)
        {
            await WriteErrorAsync(response, 400, "Invalid Request: the body must be one JSON-RPC message", -32600);
            return;
        }

        var sessionId = request.Headers["Mcp-Session-Id"];
        Session? session;
        if (string.IsNullOrEmpty(sessionId))
        {
            if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                await WriteErrorAsync(response, 400, "Bad Request: Mcp-Session-Id header is required");
                return;
            }

            session = Session.Create(_options(), _stopping.Token);
            _sessions[session.Id] = session;
        }
        else if (!_sessions.TryGetValue(sessionId, out session))
        {
            await WriteErrorAsync(response, 404, "Session not found", -32001);
            return;
        }

        response.AddHeader("Mcp-Session-Id", session.Id);
        using var use = session.Enter();
        var body = new LazySseStream(response);
        var wrote = await session.Transport.HandlePostRequestAsync(message, body, cancellationToken);
        if (!wrote && !body.Started)
        {
            response.StatusCode = 202;
            response.ContentLength64 = 0;
        }
    }

    private async Task GetAsync(HttpListenerRequest request, HttpListenerResponse response, CancellationToken cancellationToken)
    {
        if (!Accepts(request.Headers["Accept"] ?? "", "text/event-stream"))
        {
            await WriteErrorAsync(response, 406, "Not Acceptable: the client must accept text/event-stream");
            return;
        }

        if (FindSession(request) is not { } session)
        {
            await WriteErrorAsync(response, request.Headers["Mcp-Session-Id"] is { Length: > 0 } ? 404 : 400, "Session not found", -32001);
            return;
        }

        if (Interlocked.Exchange(ref session.GetStreams, 1) != 0)
        {
            await WriteErrorAsync(response, 409, "Conflict: this session already has a GET stream");
            return;
        }

        response.AddHeader("Mcp-Session-Id", session.Id);
        using var use = session.Enter();
        var body = new LazySseStream(response);
        // HttpListener sends the headers with the first byte, not on a flush: an SSE comment gets the 200 out now.
        await body.WriteAsync(": stream open\n\n"u8.ToArray(), cancellationToken);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Closed);
        try
        {
            await session.Transport.HandleGetRequestAsync(body, ended.Token);
        }
        catch (OperationCanceledException)
        {
            // The session ended or the server is stopping.
        }
    }

    private async Task DeleteAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        var id = request.Headers["Mcp-Session-Id"];
        if (string.IsNullOrEmpty(id) || !_sessions.TryRemove(id, out var session))
        {
            await WriteErrorAsync(response, string.IsNullOrEmpty(id) ? 400 : 404, "Session not found", -32001);
            return;
        }

        await session.DisposeAsync();
        response.StatusCode = 200;
        response.ContentLength64 = 0;
    }

    private Session? FindSession(HttpListenerRequest request) =>
        request.Headers["Mcp-Session-Id"] is { Length: > 0 } id && _sessions.TryGetValue(id, out var session) ? session : null;

    private bool IsAllowedOrigin(HttpListenerRequest request)
    {
        // On loopback, Host and Origin must be loopback names. Bound elsewhere (the user chose to expose it), Host is
        // whatever the client used and a browser's Origin must be that same host (or loopback).
        var hostHeader = request.Headers["Host"];
        if (string.IsNullOrEmpty(hostHeader) || !Uri.TryCreate("http://" + hostHeader, UriKind.Absolute, out var hostUri))
            return false;
        var loopback = IsLoopbackName(_host);
        if (loopback && !IsLoopbackName(hostUri.Host))
            return false;
        var origin = request.Headers["Origin"];
        if (string.IsNullOrEmpty(origin))
            return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var originUri) &&
            (IsLoopbackName(originUri.Host) || (!loopback && string.Equals(originUri.Host, hostUri.Host, StringComparison.OrdinalIgnoreCase)));
    }

    private bool HasToken(HttpListenerRequest request)
    {
        var header = request.Headers["Authorization"];
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(_token!));
    }

    private static bool Accepts(string accept, string mediaType) =>
        accept.Split(',').Any(part => part.Split(';')[0].Trim() is var type &&
            (type.Equals(mediaType, StringComparison.OrdinalIgnoreCase) || type == "*/*"));

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string UrlHost(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;

    private static int FreePort(string host)
    {
        var address = IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : IPAddress.Loopback;
        using var probe = new TcpListener(address, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static async Task TryWriteErrorAsync(HttpListenerResponse response, int status, string message)
    {
        try
        {
            await WriteErrorAsync(response, status, message);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Headers were already sent; the stream just ends.
        }
    }

    private static async Task WriteErrorAsync(HttpListenerResponse response, int status, string message, int code = -32000)
    {
        var error = new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = code, Message = message } };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(error, (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError)));
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }
}
