using Wright.Mcp.Server;

namespace Wright.Tests.Mcp;

/// <summary><see cref="HttpAccessPolicy"/>: the DNS-rebinding guard on Host and Origin, and the bearer token.</summary>
public sealed class HttpAccessPolicyTests
{
    private static readonly HttpAccessPolicy Loopback = new(loopbackOnly: true, [], "tok-0123456789abcdef");
    private static readonly HttpAccessPolicy Exposed = new(loopbackOnly: false, ["build.example.org"], "tok-0123456789abcdef");

    [Theory]
    [InlineData("127.0.0.1:8931", null)]
    [InlineData("localhost:8931", "http://localhost:5173")]
    [InlineData("[::1]:8931", null)]
    [InlineData("[::1]", "http://[::1]:8931")]
    [InlineData("127.0.0.1", "http://127.0.0.1:8931")]
    public void Loopback_names_pass_on_loopback(string host, string? origin) => Assert.Null(Loopback.CheckOrigin(host, origin));

    [Theory]
    [InlineData("evil.example.com:8931", null)]
    [InlineData("evil.example.com:8931", "http://evil.example.com:8931")]
    [InlineData("192.168.1.5:8931", null)]
    [InlineData("127.0.0.1:8931", "http://evil.example.com")]
    [InlineData("127.0.0.1:8931", "null")]
    [InlineData("", null)]
    [InlineData("a b", null)]
    [InlineData("127.0.0.1:8931/x", null)]
    [InlineData("user@127.0.0.1", null)]
    public void Foreign_hosts_and_origins_are_refused_on_loopback(string host, string? origin) => Assert.NotNull(Loopback.CheckOrigin(host, origin));

    [Theory]
    [InlineData("192.168.1.5:8931", null)]
    [InlineData("192.168.1.5:8931", "http://192.168.1.5:8931")]
    [InlineData("[fe80::1]:8931", "http://[fe80::1]:8931")]
    [InlineData("build.example.org:8931", "https://build.example.org")]
    [InlineData("10.0.0.2", "http://localhost:3000")]
    public void Off_loopback_addresses_allowed_names_and_their_own_origins_pass(string host, string? origin) => Assert.Null(Exposed.CheckOrigin(host, origin));

    [Theory]
    // The rebinding page: its name in Host, and the same name in Origin. Equal is not enough.
    [InlineData("evil.example.com:8931", "http://evil.example.com:8931")]
    [InlineData("evil.example.com", null)]
    [InlineData("192.168.1.5:8931", "http://evil.example.com")]
    [InlineData("192.168.1.5:8931", "http://192.168.1.6:8931")]
    [InlineData("build.example.org", "http://evil.example.com")]
    [InlineData("192.168.1.5", "file:///etc/passwd")]
    public void Off_loopback_a_name_in_host_must_be_allowed_and_the_origin_must_match(string host, string? origin) => Assert.NotNull(Exposed.CheckOrigin(host, origin));

    [Theory]
    [InlineData("Bearer tok-0123456789abcdef", true)]
    [InlineData("bearer tok-0123456789abcdef ", true)]
    [InlineData("Bearer tok-0123456789abcdeF", false)]
    [InlineData("Bearer tok-0123456789abcde", false)]
    [InlineData("Basic tok-0123456789abcdef", false)]
    [InlineData("tok-0123456789abcdef", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_token_must_match_exactly(string? header, bool ok) => Assert.Equal(ok, Loopback.HasToken(header));
}
