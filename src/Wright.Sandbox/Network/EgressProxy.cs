using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Wright.Tools.Web;

namespace Wright.Sandbox.Network;

/// <summary>
/// The sandbox's only way out: an HTTP proxy on a unix socket that Wright binds into the sandbox. It handles
/// <c>CONNECT host:443</c> (the TLS stays end to end) and absolute-URI plain HTTP, lets through only allowlisted
/// domain names, refuses IP literals and malformed names, resolves the name itself and refuses metadata, loopback and
/// private addresses (the checked address is the one connected to, so DNS rebinding cannot slip in), asks the session
/// (<see cref="EgressProxyOptions.Decide"/>: the trifecta guard) about every connection the allowlist lets through,
/// whatever program made it, and logs each decision.
/// </summary>
public sealed class EgressProxy : IAsyncDisposable
{
    private const int MaxHead = 16 * 1024;
    private static readonly string[] HopHeaders = ["proxy-connection", "proxy-authorization", "connection", "keep-alive"];
    private readonly Socket _listener;
    private readonly EgressProxyOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private EgressProxy(Socket listener, EgressProxyOptions options)
    {
        _listener = listener;
        _options = options;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where the proxy listens.</summary>
    public EndPoint EndPoint => _listener.LocalEndPoint!;

    /// <summary>Starts listening on a unix socket at <paramref name="socketPath"/> (replaced if present).</summary>
    public static EgressProxy StartUnix(string socketPath, EgressProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        File.Delete(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(socketPath));
            socket.Listen(64);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new EgressProxy(socket, options);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, _stop.Token));
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken ct)
    {
        using (client)
        {
            try
            {
                await using var stream = new NetworkStream(client, ownsSocket: false);
                var (head, rest) = await ReadHeadAsync(stream, ct).ConfigureAwait(false);
                if (head is null)
                {
                    await RespondAsync(stream, 400, "malformed request", ct).ConfigureAwait(false);
                    return;
                }

                await HandleAsync(stream, head, rest, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client or the upstream went away.
            }
        }
    }

    private async Task HandleAsync(NetworkStream client, string head, byte[] rest, CancellationToken ct)
    {
        if (head.Contains('\0', StringComparison.Ordinal))
        {
            await DenyAsync(client, 403, "?", "?", 0, "a NUL or non-ASCII byte in the request", ct).ConfigureAwait(false);
            return;
        }

        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            await DenyAsync(client, 400, lines[0], "", 0, "malformed request line", ct).ConfigureAwait(false);
            return;
        }

        var method = parts[0];
        var connect = method == "CONNECT";
        string? host;
        int port;
        var path = "/";
        if (connect)
        {
            (host, port) = SplitAuthority(parts[1], 443);
        }
        else if (parts[1].StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            var target = parts[1]["http://".Length..];
            var end = target.IndexOfAny(['/', '?', '#']);
            var authority = end < 0 ? target : target[..end];
            path = end < 0 ? "/" : target[end] == '/' ? target[end..] : "/" + target[end..];
            (host, port) = authority.Contains('@', StringComparison.Ordinal) ? (null, 0) : SplitAuthority(authority, 80);
        }
        else
        {
            await DenyAsync(client, 400, method, parts[1], 0, "only CONNECT and absolute http:// requests are proxied", ct).ConfigureAwait(false);
            return;
        }

        if (host is null)
        {
            await DenyAsync(client, 403, method, parts[1], 0, "a malformed host or port", ct).ConfigureAwait(false);
            return;
        }

        if (_options.Allowlist.Refusal(host) is { } refusal)
        {
            await DenyAsync(client, 403, method, host, port, refusal, ct).ConfigureAwait(false);
            return;
        }

        if (!_options.Ports.Contains(port))
        {
            await DenyAsync(client, 403, method, host, port, $"port {port} is not allowed", ct).ConfigureAwait(false);
            return;
        }

        if (_options.Decide is { } decide)
        {
            var target = connect ? $"{host}:{port}" : $"http://{host}{(port == 80 ? "" : ":" + port.ToString(CultureInfo.InvariantCulture))}{path}";
            string? verdict;
            try
            {
                verdict = await decide(new EgressRequest(method, host, port, target), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                verdict = "the session's egress decision failed: " + ex.Message; // fail closed
            }

            if (verdict is not null)
            {
                await DenyAsync(client, 403, method, host, port, verdict, ct, "Blocked by Wright (see the response body)").ConfigureAwait(false);
                return;
            }
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _options.Resolve(host, ct).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            await DenyAsync(client, 502, method, host, port, "cannot resolve: " + ex.Message, ct).ConfigureAwait(false);
            return;
        }

        if (addresses.Length == 0)
        {
            await DenyAsync(client, 502, method, host, port, "the name has no address", ct).ConfigureAwait(false);
            return;
        }

        foreach (var address in addresses)
        {
            if (AddressPolicy.Refusal(address, _options.AllowPrivateAddresses) is { } why)
            {
                await DenyAsync(client, 403, method, host, port, $"resolves to {address}, {why}", ct).ConfigureAwait(false);
                return;
            }
        }

        using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(_options.ConnectTimeout);
            try
            {
                await upstream.ConnectAsync(addresses, port, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                await DenyAsync(client, 502, method, host, port, "cannot connect: " + ex.Message, ct).ConfigureAwait(false);
                return;
            }
        }

        Log(method, host, port, true, _options.Decide is null ? "allowlisted" : "allowlisted; the session allowed it");
        await using var server = new NetworkStream(upstream, ownsSocket: false);
        if (connect)
        {
            await client.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
        }
        else
        {
            // One request per connection: a second request on a kept-alive connection could name another host.
            var forwarded = new StringBuilder().Append(method).Append(' ').Append(path).Append(' ').Append(parts[2]).Append("\r\n");
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && HopHeaders.Contains(line[..colon].Trim().ToLowerInvariant()))
                    continue;
                forwarded.Append(line).Append("\r\n");
            }

            forwarded.Append("Connection: close\r\n\r\n");
            await server.WriteAsync(Encoding.ASCII.GetBytes(forwarded.ToString()), ct).ConfigureAwait(false);
        }

        if (rest.Length > 0)
            await server.WriteAsync(rest, ct).ConfigureAwait(false);
        var up = PumpAsync(client, server, upstream, ct);
        var down = PumpAsync(server, client, null, ct);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await down.ConfigureAwait(false);
    }

    private static async Task PumpAsync(Stream from, Stream to, Socket? shutdown, CancellationToken ct)
    {
        try
        {
            await from.CopyToAsync(to, ct).ConfigureAwait(false);
            shutdown?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static (string? Host, int Port) SplitAuthority(string authority, int defaultPort)
    {
        if (authority.StartsWith('['))
            return (authority, defaultPort); // an IPv6 literal: refused by the allowlist check
        var colon = authority.LastIndexOf(':');
        if (colon < 0)
            return (authority, defaultPort);
        return int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (authority[..colon], port)
            : (null, 0);
    }

    private static async Task<(string? Head, byte[] Body)> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
                return (null, []);
            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var headBytes = buffer.AsSpan(0, end);
                if (headBytes.Contains((byte)0) || headBytes.ContainsAnyExceptInRange((byte)0x01, (byte)0x7E))
                    return ("\0", []); // refused below: a NUL or non-ASCII byte in the head
                return (Encoding.ASCII.GetString(headBytes), buffer.AsSpan(end + 4, length - end - 4).ToArray());
            }
        }

        return (null, []);
    }

    private async Task DenyAsync(NetworkStream client, int status, string method, string host, int port, string reason, CancellationToken ct, string? phrase = null)
    {
        Log(method, host, port, false, reason);
        await RespondAsync(client, status, reason, ct, phrase).ConfigureAwait(false);
    }

    private void Log(string method, string host, int port, bool allowed, string reason)
    {
        static string Printable(string s) => new([.. s.Take(200).Select(c => c is < ' ' or > '~' ? '?' : c)]);
        _options.Log?.Invoke(new ProxyDecision(_options.Time.GetUtcNow(), Printable(method), Printable(host), port, allowed, reason));
    }

    private static async Task RespondAsync(NetworkStream client, int status, string reason, CancellationToken ct, string? phrase = null)
    {
        // A custom reason phrase reaches programs that report only the status line (a failed CONNECT tunnel).
        var text = phrase ?? status switch { 400 => "Bad Request", 403 => "Forbidden", _ => "Bad Gateway" };
        var body = Encoding.ASCII.GetBytes($"wright sandbox: {reason}\n".Select(c => c is < ' ' and not '\n' or > '~' ? '?' : c).ToArray());
        var response = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {text}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await client.WriteAsync(response, ct).ConfigureAwait(false);
        await client.WriteAsync(body, ct).ConfigureAwait(false);
    }
}
