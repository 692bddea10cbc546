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

/// <summary><see cref="McpHttpHost"/> in process: the official client, Wright's own client, and the HTTP rules by hand.</summary>
public sealed class McpHttpHostTests : IAsyncDisposable
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    private readonly ToolTestContext _ctx = new();
    private readonly HttpClient _http = new();
    private McpHttpHost? _host;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        _http.Dispose();
        _ctx.Dispose();
    }

    private static McpServerOptions Options()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""");
        var echo = new Tool { Name = "echo", Description = "Echoes.", InputSchema = schema.RootElement.Clone() };
        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "test", Version = "1.0.0" },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [echo] }),
                CallToolHandler = (c, _) => ValueTask.FromResult(new CallToolResult
                {
                    Content = [new TextContentBlock { Text = "echo: " + c.Params!.Arguments!["message"].GetString() }],
                }),
            },
        };
    }

    private Uri Start(string? token = null)
    {
        _host = McpHttpHost.Start(Options, "127.0.0.1", 0, token);
        _ = _host.RunAsync(TestContext.Current.CancellationToken);
        return _host.Url;
    }

    private HttpRequestMessage Post(Uri url, string body, string? session = null, string accept = "application/json, text/event-stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (session is not null)
            request.Headers.Add("Mcp-Session-Id", session);
        return request;
    }

    [Fact]
    public async Task The_official_client_lists_and_calls_tools_over_streamable_http()
    {
        var url = Start();
        Assert.Equal("127.0.0.1", url.Host);
        Assert.Equal("/mcp", url.AbsolutePath);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp,
        }), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("test", client.ServerInfo!.Name);
        Assert.Equal("echo", Assert.Single(await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Name);
        var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "hi" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("echo: hi", ((TextContentBlock)result.Content[0]).Text);
    }

    [Fact]
    public async Task Wrights_own_client_uses_it_through_the_hub()
    {
        var url = Start();
        await using var hub = await McpHub.StartAsync([new McpServerConfig("self") { Url = url, Timeout = TimeSpan.FromSeconds(20) }],
            null, TestContext.Current.CancellationToken);

        Assert.True(hub.Statuses[0].Running, hub.Statuses[0].Error);
        using var args = JsonDocument.Parse("""{"message":"through the hub"}""");
        var result = await hub.Tools.Single(t => t.Name == "mcp__self__echo").InvokeAsync(args.RootElement, _ctx.Context, TestContext.Current.CancellationToken);
        Assert.Equal("echo: through the hub", result.Content);
    }

    [Fact]
    public async Task Sessions_start_with_initialize_answer_as_sse_and_end_with_delete()
    {
        var url = Start();
        using var noSession = await _http.SendAsync(Post(url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, noSession.StatusCode);

        using var init = await _http.SendAsync(Post(url, Initialize), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        Assert.Equal("text/event-stream", init.Content.Headers.ContentType?.MediaType);
        var session = Assert.Single(init.Headers.GetValues("Mcp-Session-Id"));
        var body = await init.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data: ", body);
        Assert.Contains("\"serverInfo\":{\"name\":\"test\"", body);

        using var initialized = await _http.SendAsync(Post(url, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", session), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);

        using var get = new HttpRequestMessage(HttpMethod.Get, url);
        get.Headers.Add("Accept", "text/event-stream");
        get.Headers.Add("Mcp-Session-Id", session);
        using var stream = await _http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, url);
        delete.Headers.Add("Mcp-Session-Id", session);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(delete, TestContext.Current.CancellationToken)).StatusCode);
        using var gone = await _http.SendAsync(Post(url, """{"jsonrpc":"2.0","id":3,"method":"tools/list"}""", session), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Foreign_origins_and_hosts_are_refused_and_clients_must_accept_sse()
    {
        var url = Start();
        var evil = Post(url, Initialize);
        evil.Headers.Add("Origin", "http://evil.example.com");
        using var refused = await _http.SendAsync(evil, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var rebound = Post(url, Initialize);
        rebound.Headers.Host = $"evil.example.com:{url.Port}";
        using var reboundResponse = await _http.SendAsync(rebound, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, reboundResponse.StatusCode); // HttpListener itself: no prefix names that host

        var local = Post(url, Initialize);
        local.Headers.Add("Origin", "http://localhost:5173");
        using var allowed = await _http.SendAsync(local, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        using var jsonOnly = await _http.SendAsync(Post(url, Initialize, accept: "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotAcceptable, jsonOnly.StatusCode);
        using var elsewhere = await _http.SendAsync(Post(new Uri(url, "/other"), Initialize), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Bound_to_every_interface_a_browser_origin_must_match_the_host_it_called()
    {
        _host = McpHttpHost.Start(Options, "0.0.0.0", 0, null);
        _ = _host.RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal("0.0.0.0", _host.Url.Host);
        var url = new Uri($"http://127.0.0.1:{_host.Port}/mcp");

        var evil = Post(url, Initialize);
        evil.Headers.Add("Origin", "http://evil.example.com");
        using var refused = await _http.SendAsync(evil, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var same = Post(url, Initialize);
        same.Headers.Add("Origin", $"http://127.0.0.1:{_host.Port}");
        using var allowed = await _http.SendAsync(same, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task With_a_token_every_request_needs_the_bearer_header()
    {
        var url = Start(token: "s3cret");
        using var anonymous = await _http.SendAsync(Post(url, Initialize), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        var wrong = Post(url, Initialize);
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        using var wrongResponse = await _http.SendAsync(wrong, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret" },
        }), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Single(await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }
}
