using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Wright.Mcp;
using Wright.Mcp.Server;
using Wright.Tests.Support;

namespace Wright.Tests.Mcp;

/// <summary><see cref="McpHttpHost"/> in process (Kestrel): the official client, Wright's own client, and the HTTP rules by hand.</summary>
public sealed class McpHttpHostTests : IAsyncDisposable
{
    private const string Token = "test-token-0123456789";
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    private readonly ToolTestContext _ctx = new();
    private readonly HttpClient _http = new();
    private McpHttpHost? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        _http.Dispose();
        _ctx.Dispose();
    }

    private static void Configure(McpServerOptions options)
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""");
        var echo = new Tool { Name = "echo", Description = "Echoes.", InputSchema = schema.RootElement.Clone() };
        options.ServerInfo = new Implementation { Name = "test", Version = "1.0.0" };
        options.Capabilities = new ServerCapabilities { Tools = new ToolsCapability() };
        options.Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [echo] }),
            CallToolHandler = (c, _) => ValueTask.FromResult(new CallToolResult
            {
                Content = [new TextContentBlock { Text = "echo: " + c.Params!.Arguments!["message"].GetString() }],
            }),
        };
    }

    private async Task<Uri> StartAsync(string host = "127.0.0.1", TimeSpan? idle = null)
    {
        _host = await McpHttpHost.StartAsync(new McpHttpHostOptions { Host = host, Token = Token, IdleTimeout = idle }, Configure, Ct);
        return _host.Url;
    }

    private static HttpRequestMessage Post(Uri url, string body, string? session = null, string accept = "application/json, text/event-stream", bool token = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (session is not null)
            request.Headers.Add("Mcp-Session-Id", session);
        return request;
    }

    private static HttpClientTransportOptions ClientOptions(Uri url) => new()
    {
        Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp,
        AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
    };

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("error").GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task The_official_client_lists_and_calls_tools_over_streamable_http()
    {
        var url = await StartAsync();
        Assert.Equal("127.0.0.1", url.Host);
        Assert.Equal("/mcp", url.AbsolutePath);
        Assert.NotEqual(0, url.Port);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(ClientOptions(url)), cancellationToken: Ct);

        Assert.Equal("test", client.ServerInfo!.Name);
        Assert.Equal("echo", Assert.Single(await client.ListToolsAsync(cancellationToken: Ct)).Name);
        var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "hi" }, cancellationToken: Ct);
        Assert.Equal("echo: hi", ((TextContentBlock)result.Content[0]).Text);
    }

    [Fact]
    public async Task Wrights_own_client_uses_it_through_the_hub()
    {
        var url = await StartAsync();
        await using var hub = await McpHub.StartAsync([new McpServerConfig("self")
        {
            Url = url, Timeout = TimeSpan.FromSeconds(20), Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
        }], null, Ct);

        Assert.True(hub.Statuses[0].Running, hub.Statuses[0].Error);
        using var args = JsonDocument.Parse("""{"message":"through the hub"}""");
        var result = await hub.Tools.Single(t => t.Name == "mcp__self__echo").InvokeAsync(args.RootElement, _ctx.Context, Ct);
        Assert.Equal("echo: through the hub", result.Content);
    }

    [Fact]
    public async Task Sessions_start_with_initialize_answer_as_sse_with_a_priming_event_and_end_with_delete()
    {
        var url = await StartAsync();
        using var noSession = await _http.SendAsync(Post(url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noSession.StatusCode);

        using var init = await _http.SendAsync(Post(url, Initialize), Ct);
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        Assert.Equal("text/event-stream", init.Content.Headers.ContentType?.MediaType);
        var session = Assert.Single(init.Headers.GetValues("Mcp-Session-Id"));
        var body = await init.Content.ReadAsStringAsync(Ct);
        // The priming event comes first: an id, empty data and the retry interval (2025-11-25, "resumability").
        var priming = body.Split("\n\n")[0].Split('\n');
        Assert.Contains("data: ", priming);
        Assert.Contains(priming, line => line.StartsWith("id: ", StringComparison.Ordinal));
        Assert.Contains("retry: 2000", priming);
        Assert.Contains("\"serverInfo\":{\"name\":\"test\"", body);

        using var initialized = await _http.SendAsync(Post(url, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", session), Ct);
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);

        using var get = new HttpRequestMessage(HttpMethod.Get, url);
        get.Headers.Add("Accept", "text/event-stream");
        get.Headers.Add("Mcp-Session-Id", session);
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var stream = await _http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, url);
        delete.Headers.Add("Mcp-Session-Id", session);
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(delete, Ct)).StatusCode);
        using var gone = await _http.SendAsync(Post(url, """{"jsonrpc":"2.0","id":3,"method":"tools/list"}""", session), Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Foreign_origins_and_hosts_get_403_with_a_json_body_and_other_paths_a_json_404()
    {
        var url = await StartAsync();
        var evil = Post(url, Initialize);
        evil.Headers.Add("Origin", "http://evil.example.com");
        using var refused = await _http.SendAsync(evil, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("DNS-rebinding", await ErrorMessageAsync(refused));

        var rebound = Post(url, Initialize);
        rebound.Headers.Host = $"evil.example.com:{url.Port}";
        using var reboundResponse = await _http.SendAsync(rebound, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, reboundResponse.StatusCode);
        Assert.Contains("Host", await ErrorMessageAsync(reboundResponse));

        // Checked before the token: a rebinding page learns nothing, not even that a token is wanted.
        var anonymousRebound = Post(url, Initialize, token: false);
        anonymousRebound.Headers.Host = "evil.example.com";
        using var anonymousResponse = await _http.SendAsync(anonymousRebound, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, anonymousResponse.StatusCode);

        var local = Post(url, Initialize);
        local.Headers.Add("Origin", "http://localhost:5173");
        using var allowed = await _http.SendAsync(local, Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        using var jsonOnly = await _http.SendAsync(Post(url, Initialize, accept: "application/json"), Ct);
        Assert.Equal(HttpStatusCode.NotAcceptable, jsonOnly.StatusCode);
        using var elsewhere = await _http.SendAsync(Post(new Uri(url, "/other"), Initialize), Ct);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Contains("/mcp", await ErrorMessageAsync(elsewhere));
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public async Task It_listens_on_ipv6_loopback_and_accepts_a_bracketed_host_header(string host)
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6)
            Assert.Fail("this machine has no IPv6 loopback");
        var url = await StartAsync(host);
        Assert.Equal("[::1]", url.Host);
        using var init = await _http.SendAsync(Post(url, Initialize), Ct); // HttpClient sends Host: [::1]:PORT
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(ClientOptions(url)), cancellationToken: Ct);
        Assert.Single(await client.ListToolsAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Every_request_needs_the_bearer_token()
    {
        var url = await StartAsync();
        using var anonymous = await _http.SendAsync(Post(url, Initialize, token: false), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Bearer", await ErrorMessageAsync(anonymous));

        var wrong = Post(url, Initialize, token: false);
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        using var wrongResponse = await _http.SendAsync(wrong, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);

        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/elsewhere"));
        using var anonymousGet = await _http.SendAsync(get, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousGet.StatusCode); // no path is served without it

        await Assert.ThrowsAsync<ArgumentException>(() => McpHttpHost.StartAsync(new McpHttpHostOptions { Token = " " }, Configure, Ct));
    }

    [Fact]
    public async Task A_host_that_is_not_an_address_is_refused_before_binding()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => McpHttpHost.StartAsync(new McpHttpHostOptions { Host = "example.com", Token = Token }, Configure, Ct));
        Assert.Contains("--host must be an IP address or localhost", e.Message);
    }
}
