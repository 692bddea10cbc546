using System.Net;
using System.Net.Sockets;
using System.Text;
using Wright.Sandbox.Network;
using Wright.Tests.Sandbox.Network;

namespace Wright.Tests.Safety;

/// <summary>
/// The egress proxy's decision hook, talked to directly: the session sees every allowlisted connection (CONNECT
/// target or whole plain-HTTP URL) before anything is resolved or connected; a refusal reaches the client in the
/// status line and the body; a hook that fails refuses (fail closed); names off the allowlist never reach the hook.
/// </summary>
public sealed class EgressProxyDecisionTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-proxy-guard-").FullName;
    private readonly NamedHostServer _server = new("upstream says hi");
    private readonly List<ProxyDecision> _log = [];
    private readonly List<EgressRequest> _asked = [];
    private readonly List<EgressProxy> _proxies = [];
    private int _resolved;

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _proxies)
            await proxy.DisposeAsync();
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private EgressProxy Start(Func<EgressRequest, ValueTask<string?>> decide)
    {
        var proxy = EgressProxy.StartUnix(Path.Combine(_dir, $"p{_proxies.Count}.sock"), new EgressProxyOptions
        {
            Allowlist = new NetworkAllowlist(["registry.npmjs.org"]),
            Resolve = (_, _) =>
            {
                Interlocked.Increment(ref _resolved);
                return Task.FromResult(new[] { IPAddress.Loopback });
            },
            AllowPrivateAddresses = true,
            Ports = new HashSet<int> { 80, 443, _server.Port },
            Log = d => { lock (_log) _log.Add(d); },
            Decide = (r, _) =>
            {
                lock (_asked)
                    _asked.Add(r);
                return decide(r);
            },
        });
        _proxies.Add(proxy);
        return proxy;
    }

    private static async Task<string> SendAsync(EgressProxy proxy, string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(proxy.EndPoint, TestContext.Current.CancellationToken);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    [Fact]
    public async Task A_refusal_stops_the_request_before_resolution_and_reaches_the_client()
    {
        var proxy = Start(_ => ValueTask.FromResult<string?>("blocked by Wright's trifecta guard: test"));

        var plain = await SendAsync(proxy, $"GET http://registry.npmjs.org:{_server.Port}/steal/c2VjcmV0 HTTP/1.1\r\nHost: x\r\n\r\n");
        var tunnel = await SendAsync(proxy, $"CONNECT registry.npmjs.org:{_server.Port} HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403 Blocked by Wright", plain);
        Assert.Contains("trifecta guard: test", plain);
        Assert.StartsWith("HTTP/1.1 403 Blocked by Wright", tunnel);
        Assert.Equal(0, _server.Hits);
        Assert.Equal(0, Volatile.Read(ref _resolved));
        Assert.Equal([$"http://registry.npmjs.org:{_server.Port}/steal/c2VjcmV0", $"registry.npmjs.org:{_server.Port}"], _asked.Select(a => a.Target));
        Assert.All(_log, d => Assert.False(d.Allowed));
    }

    [Fact]
    public async Task A_failing_decision_refuses()
    {
        var proxy = Start(_ => throw new InvalidOperationException("the session is gone"));

        var response = await SendAsync(proxy, $"GET http://registry.npmjs.org:{_server.Port}/ HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403", response);
        Assert.Contains("the session is gone", response);
        Assert.Equal(0, _server.Hits);
    }

    [Fact]
    public async Task Names_off_the_allowlist_are_refused_without_asking_and_allowed_ones_pass_when_the_session_agrees()
    {
        var proxy = Start(_ => ValueTask.FromResult<string?>(null));

        var evil = await SendAsync(proxy, "GET http://evil.example.com/ HTTP/1.1\r\nHost: x\r\n\r\n");
        var ok = await SendAsync(proxy, $"GET http://registry.npmjs.org:{_server.Port}/pkg HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Contains("not in sandbox.network.allow", evil);
        Assert.StartsWith("HTTP/1.1 200", ok);
        Assert.Equal(1, _server.Hits);
        Assert.Equal("registry.npmjs.org", Assert.Single(_asked).Host);
    }
}
