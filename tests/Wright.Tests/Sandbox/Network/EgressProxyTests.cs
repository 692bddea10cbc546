using System.Net;
using System.Net.Sockets;
using System.Text;
using Wright.Sandbox.Network;

namespace Wright.Tests.Sandbox.Network;

/// <summary>The egress proxy's decisions, talked to directly over its unix socket (names resolve through a test map).</summary>
public sealed class EgressProxyTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-proxy-").FullName;
    private readonly NamedHostServer _server = new("upstream says hi");
    private readonly List<ProxyDecision> _log = [];
    private readonly EgressProxy _proxy;
    private readonly int _port;

    public EgressProxyTests()
    {
        _port = _server.Port;
        var map = new Dictionary<string, IPAddress[]>(StringComparer.Ordinal)
        {
            ["registry.npmjs.org"] = [IPAddress.Loopback],
            ["files.pypi.org"] = [IPAddress.Loopback],
            ["meta.pypi.org"] = [IPAddress.Parse("169.254.169.254")],
            ["mixed.pypi.org"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("169.254.170.2")],
        };
        _proxy = Start(allowPrivate: true, map);
        Proxy = _proxy;
    }

    private EgressProxy Proxy { get; }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private EgressProxy Start(bool allowPrivate, Dictionary<string, IPAddress[]> map, string name = "proxy.sock") =>
        EgressProxy.StartUnix(Path.Combine(_dir, name), new EgressProxyOptions
        {
            Allowlist = new NetworkAllowlist(["registry.npmjs.org", "*.pypi.org"]),
            Resolve = (host, _) => Task.FromResult(map.TryGetValue(host, out var a) ? a : throw new SocketException((int)SocketError.HostNotFound)),
            AllowPrivateAddresses = allowPrivate,
            Ports = new HashSet<int> { 80, 443, _port },
            Log = d => { lock (_log) _log.Add(d); },
        });

    private static async Task<string> SendAsync(EgressProxy proxy, byte[] request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(proxy.EndPoint, TestContext.Current.CancellationToken);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(request, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    private Task<string> Get(string absoluteUri) =>
        SendAsync(Proxy, Encoding.ASCII.GetBytes($"GET {absoluteUri} HTTP/1.1\r\nHost: x\r\nProxy-Connection: keep-alive\r\n\r\n"));

    [Fact]
    public async Task An_allowlisted_name_is_forwarded_to_its_resolved_address_and_logged()
    {
        var response = await Get($"http://registry.npmjs.org:{_port}/pkg");

        Assert.StartsWith("HTTP/1.1 200", response);
        Assert.Contains("upstream says hi", response);
        Assert.Contains(_log, d => d.Allowed && d.Host == "registry.npmjs.org" && d.Port == _port);
        var head = Assert.Single(_server.Heads);
        Assert.StartsWith("GET /pkg HTTP/1.1", head);
        Assert.DoesNotContain("Proxy-Connection", head);
    }

    [Fact]
    public async Task Connect_to_an_allowlisted_wildcard_name_tunnels()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(Proxy.EndPoint, TestContext.Current.CancellationToken);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT files.pypi.org:{_port} HTTP/1.1\r\nHost: files.pypi.org\r\n\r\n"), TestContext.Current.CancellationToken);
        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: files.pypi.org\r\nConnection: close\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var all = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("HTTP/1.1 200 Connection established", all);
        Assert.Contains("upstream says hi", all);
    }

    [Theory]
    [InlineData("http://evil.example.com/x", "not in sandbox.network.allow")]
    [InlineData("http://pypi.org/simple", "not in sandbox.network.allow")]
    [InlineData("http://registry.npmjs.org.evil.com/", "not in sandbox.network.allow")]
    [InlineData("http://127.0.0.1/", "an IP address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "an IP address")]
    [InlineData("http://[::1]/", "an IP address")]
    [InlineData("http://2130706433/", "an IP address")]
    [InlineData("http://0x7f.1/", "an IP address")]
    [InlineData("http://user@registry.npmjs.org/", "malformed host")]
    [InlineData("http://registry.npmjs.org:22/", "port 22 is not allowed")]
    [InlineData("http://meta.pypi.org/", "a cloud metadata address")]
    [InlineData("http://mixed.pypi.org/", "169.254.170.2, a cloud metadata address")]
    public async Task Refused_targets_get_403_and_a_logged_reason(string uri, string reason)
    {
        var response = await Get(uri);

        Assert.StartsWith("HTTP/1.1 403", response);
        Assert.Contains(reason, response);
        Assert.Contains(_log, d => !d.Allowed && d.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.DoesNotContain("upstream says hi", response);
        Assert.Equal(0, _server.Hits);
    }

    [Fact]
    public async Task A_nul_byte_in_the_host_is_refused()
    {
        var response = await SendAsync(Proxy, Encoding.ASCII.GetBytes("CONNECT evil.com\0.registry.npmjs.org:443 HTTP/1.1\r\n\r\n"));

        Assert.StartsWith("HTTP/1.1 403", response);
        Assert.Contains("NUL", response);
    }

    [Fact]
    public async Task Loopback_after_resolution_is_refused_unless_private_addresses_are_allowed()
    {
        await using var strict = Start(allowPrivate: false, new() { ["registry.npmjs.org"] = [IPAddress.Loopback] }, "strict.sock");

        var response = await SendAsync(strict, Encoding.ASCII.GetBytes($"GET http://registry.npmjs.org:{_port}/ HTTP/1.1\r\n\r\n"));

        Assert.StartsWith("HTTP/1.1 403", response);
        Assert.Contains("a loopback address", response);
    }

    [Theory]
    [InlineData("GET /relative HTTP/1.1", 400)]
    [InlineData("GET https://registry.npmjs.org/ HTTP/1.1", 400)]
    [InlineData("garbage", 400)]
    public async Task Requests_that_are_not_proxy_requests_are_refused(string line, int status)
    {
        var response = await SendAsync(Proxy, Encoding.ASCII.GetBytes(line + "\r\n\r\n"));

        Assert.StartsWith($"HTTP/1.1 {status}", response);
    }

    [Theory]
    [InlineData("*.pypi.org", "files.pypi.org", true)]
    [InlineData("*.pypi.org", "pypi.org", false)]
    [InlineData("*.pypi.org", "evilpypi.org", false)]
    [InlineData("registry.npmjs.org", "REGISTRY.npmjs.org.", true)]
    [InlineData("registry.npmjs.org", "sub.registry.npmjs.org", false)]
    public void Allowlist_matching_is_exact_or_a_dot_suffix(string pattern, string host, bool allowed) =>
        Assert.Equal(allowed, new NetworkAllowlist([pattern]).Refusal(host) is null);

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("*")]
    [InlineData("exa mple.com")]
    [InlineData("http://example.com")]
    public void Bad_allowlist_entries_are_explained(string pattern) =>
        Assert.Contains("is not a domain", Assert.Throws<FormatException>(() => new NetworkAllowlist([pattern])).Message);
}
