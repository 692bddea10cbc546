using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// <c>wright mcp serve</c> checked by other people's programs: the official C# client over Streamable HTTP and the MCP
/// Inspector's CLI over stdio and HTTP (the conformance suite: <see cref="McpConformanceTests"/>).
/// </summary>
public sealed class McpHttpServeTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make file","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"from-mcp.txt\",\"content\":\"hello\\n\"}"}]}},
          {"match":{"userMessage":"make file","hasToolResult":true},"response":{"content":"Created from-mcp.txt."}}
        ]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Http_serve_runs_tasks_for_the_official_client_and_refuses_foreign_origins()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        await using var server = await HttpServer.StartAsync(wright);
        Assert.Contains($"listening on {server.Url}", server.Banner);

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(server.ClientOptions()), cancellationToken: Ct);
        Assert.Equal("wright", client.ServerInfo!.Name);
        Assert.Equal("run_task", Assert.Single(await client.ListToolsAsync(cancellationToken: Ct)).Name);
        var done = await client.CallToolAsync("run_task", new Dictionary<string, object?>
        {
            ["prompt"] = "make file", ["model"] = "deepseek/deepseek-chat", ["permission_mode"] = "accept-edits",
        }, cancellationToken: Ct);
        Assert.True(done.IsError != true, ((TextContentBlock)done.Content[0]).Text);
        Assert.Equal("Created from-mcp.txt.", ((TextContentBlock)done.Content[0]).Text);
        Assert.Equal("hello\n", File.ReadAllText(wright.File("from-mcp.txt")));

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://evil.example.com");
        request.Headers.Add("Accept", "application/json, text/event-stream");
        request.Headers.Add("Authorization", "Bearer " + server.Token);
        using var refused = await http.SendAsync(request, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("DNS-rebinding", await refused.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Http_serve_makes_a_token_once_keeps_it_owner_only_and_refuses_clients_without_it()
    {
        using var wright = new WrightProcess();
        string token;
        await using (var server = await HttpServer.StartAsync(wright))
        {
            token = File.ReadAllText(Path.Combine(wright.Home, "mcp-token")).Trim();
            Assert.Contains("(bearer token required)", server.Banner);
            Assert.Contains($"bearer token (new, kept in {Path.Combine(wright.Home, "mcp-token")}): {token}", server.Banner);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(wright.Home, "mcp-token")));

            var refused = await Inspector(wright, [server.Url.ToString(), "--transport", "http", "--method", "tools/list"]);
            Assert.NotEqual(0, refused.ExitCode);
            var listed = await Inspector(wright, [server.Url.ToString(), "--transport", "http", "--header", $"Authorization: Bearer {token}", "--method", "tools/list"]);
            Assert.True(listed.ExitCode == 0, listed.Stderr);
            Assert.Contains("run_task", listed.Stdout);
        }

        await using (var again = await HttpServer.StartAsync(wright))
            Assert.Contains($"bearer token (from {Path.Combine(wright.Home, "mcp-token")}): {token}", again.Banner);
    }

    [Fact]
    public async Task Http_serve_with_WRIGHT_MCP_TOKEN_uses_that_token_and_keeps_no_file()
    {
        using var wright = new WrightProcess { Environment = { ["WRIGHT_MCP_TOKEN"] = "s3cret-from-the-environment" } };
        await using var server = await HttpServer.StartAsync(wright);
        Assert.Contains("bearer token required", server.Banner);
        Assert.DoesNotContain("s3cret", server.Banner);
        Assert.False(File.Exists(Path.Combine(wright.Home, "mcp-token")));
        var listed = await Inspector(wright, [server.Url.ToString(), "--transport", "http", "--header", "Authorization: Bearer s3cret-from-the-environment", "--method", "tools/list"]);
        Assert.True(listed.ExitCode == 0, listed.Stderr);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public async Task Http_serve_listens_on_an_ipv6_literal(string host)
    {
        using var wright = new WrightProcess();
        await using var server = await HttpServer.StartAsync(wright, "--host", host);
        Assert.Equal("[::1]", server.Url.Host);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(server.ClientOptions()), cancellationToken: Ct);
        Assert.Equal("run_task", Assert.Single(await client.ListToolsAsync(cancellationToken: Ct)).Name);
    }

    [Fact]
    public async Task Port_and_host_without_http_are_a_usage_error()
    {
        using var wright = new WrightProcess();
        var run = await wright.RunAsync("mcp", "serve", "--port", "1234");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--port, --host, --session-idle-timeout and --allowed-host need --http", run.Stderr);
        var zero = await wright.RunAsync("mcp", "serve", "--http", "--session-idle-timeout", "0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--session-idle-timeout must be a positive number of seconds (got 0)", zero.Stderr);
        var name = await wright.RunAsync("mcp", "serve", "--http", "--host", "example.com");
        Assert.Equal(2, name.ExitCode);
        Assert.Contains("--host must be an IP address or localhost, got 'example.com'", name.Stderr);
    }

    [Fact]
    public async Task Http_sessions_left_without_delete_end_after_the_idle_timeout_but_used_ones_stay()
    {
        using var wright = new WrightProcess();
        await using var server = await HttpServer.StartAsync(wright, "--session-idle-timeout", "1");
        using var http = new HttpClient();

        async Task<(HttpStatusCode Status, string? Session)> Post(string body, string? session)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.Url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            request.Headers.Add("Authorization", "Bearer " + server.Token);
            if (session is not null)
                request.Headers.Add("Mcp-Session-Id", session);
            using var response = await http.SendAsync(request, Ct);
            await response.Content.ReadAsStringAsync(Ct);
            return (response.StatusCode, response.Headers.TryGetValues("Mcp-Session-Id", out var ids) ? ids.First() : null);
        }

        async Task<string> Open()
        {
            var (status, id) = await Post("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", null);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(HttpStatusCode.Accepted, (await Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", id)).Status);
            return id!;
        }

        const string Ping = """{"jsonrpc":"2.0","id":2,"method":"ping"}""";
        // The SDK ends idle sessions on a sweep every 5 s, and a request to a session keeps it alive, so an abandoned
        // session can be probed only once: probe a fresh one every 1.2 s, pinging the used one every 0.3 s, until one is
        // gone (404 tells a client to initialize again).
        var abandoned = new Queue<string>();
        for (var i = 0; i < 15; i++)
            abandoned.Enqueue(await Open());
        var used = await Open();
        var gone = false;
        for (var tick = 1; !gone && abandoned.Count > 0; tick++)
        {
            await Task.Delay(300, Ct);
            Assert.Equal(HttpStatusCode.OK, (await Post(Ping, used)).Status);
            if (tick % 4 != 0)
                continue;
            var status = (await Post(Ping, abandoned.Dequeue())).Status;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, status.ToString());
            gone = status == HttpStatusCode.NotFound;
        }

        Assert.True(gone, "no abandoned session ended within 18 s of a 1 s idle timeout");
        Assert.Equal(HttpStatusCode.OK, (await Post(Ping, used)).Status);
    }

    [Fact]
    public async Task Inspector_cli_lists_and_calls_run_task_over_stdio()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        var env = wright.StartInfo(["--version"]).Environment
            .Where(kv => kv.Key.StartsWith("WRIGHT_", StringComparison.Ordinal) || kv.Key.StartsWith("DEEPSEEK_", StringComparison.Ordinal))
            .SelectMany(kv => new[] { "-e", $"{kv.Key}={kv.Value}" });
        string[] target = [.. env, "--cwd", wright.Workspace, WrightProcess.Binary, "mcp", "serve"]; // the Inspector starts it in --cwd

        var listed = await Inspector(wright, [.. target, "--method", "tools/list"]);
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        using (var tools = JsonDocument.Parse(listed.Stdout))
            Assert.Equal("run_task", tools.RootElement.GetProperty("tools")[0].GetProperty("name").GetString());

        var called = await Inspector(wright,
            [.. target, "--method", "tools/call", "--tool-name", "run_task", "--tool-arg", "prompt=make file", "model=deepseek/deepseek-chat", "permission_mode=accept-edits"]);
        Assert.True(called.ExitCode == 0, called.Stderr);
        using (var result = JsonDocument.Parse(called.Stdout))
            Assert.Equal("Created from-mcp.txt.", result.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("hello\n", File.ReadAllText(wright.File("from-mcp.txt")));
    }

    [Fact]
    public async Task Inspector_cli_lists_and_calls_run_task_over_http()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        await using var server = await HttpServer.StartAsync(wright);

        string[] target = [server.Url.ToString(), "--transport", "http", "--header", $"Authorization: Bearer {server.Token}"];
        var listed = await Inspector(wright, [.. target, "--method", "tools/list"]);
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        using (var tools = JsonDocument.Parse(listed.Stdout))
            Assert.Equal("run_task", tools.RootElement.GetProperty("tools")[0].GetProperty("name").GetString());

        var called = await Inspector(wright, [.. target, "--method", "tools/call", "--tool-name", "run_task",
            "--tool-arg", "prompt=make file", "model=deepseek/deepseek-chat"]);
        Assert.True(called.ExitCode == 0, called.Stderr);
        using (var result = JsonDocument.Parse(called.Stdout))
            Assert.Equal("Created from-mcp.txt.", result.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(File.Exists(wright.File("from-mcp.txt"))); // the default mode is plan
    }

    internal static Task<WrightRun> Inspector(WrightProcess wright, string[] args) =>
        Node(wright.Root, [NodePackages.File("@modelcontextprotocol/inspector", "clients/launcher/build/index.js"), "--cli", .. args]);

    private static async Task<WrightRun> Node(string cwd, string[] args)
    {
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["MCP_CATALOG_PATH"] = Path.Combine(cwd, "inspector-catalog.json");
        psi.Environment["HOME"] = cwd;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new WrightRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary><c>wright mcp serve --http --port 0</c>, up once it prints its URL on stderr.</summary>
    private sealed class HttpServer : IAsyncDisposable
    {
        private readonly Process _process;

        private HttpServer(Process process, Uri url, string banner, string token)
        {
            _process = process;
            Url = url;
            Banner = banner;
            Token = token;
        }

        public Uri Url { get; }

        /// <summary>The listening line, and the token line when the server keeps the token itself.</summary>
        public string Banner { get; }

        /// <summary>The bearer token: WRIGHT_MCP_TOKEN, else the one in $WRIGHT_HOME/mcp-token.</summary>
        public string Token { get; }

        public HttpClientTransportOptions ClientOptions() => new()
        {
            Endpoint = Url, TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
        };

        public static async Task<HttpServer> StartAsync(WrightProcess wright, params string[] extra)
        {
            var process = Process.Start(wright.StartInfo(["mcp", "serve", "--http", "--port", "0", "--cwd", wright.Workspace, .. extra]))!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                var at = line.IndexOf("listening on ", StringComparison.Ordinal);
                if (at < 0)
                    continue;
                var url = line[(at + "listening on ".Length)..].Split(' ')[0];
                var fromEnvironment = wright.Environment.TryGetValue("WRIGHT_MCP_TOKEN", out var token);
                if (!fromEnvironment)
                {
                    line += "\n" + await process.StandardError.ReadLineAsync(timeout.Token);
                    token = File.ReadAllText(Path.Combine(wright.Home, "mcp-token")).Trim();
                }

                _ = process.StandardError.ReadToEndAsync(CancellationToken.None); // keep draining
                return new HttpServer(process, new Uri(url), line, token!);
            }

            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("wright mcp serve --http exited before listening: " + await process.StandardOutput.ReadToEndAsync(Ct));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            _process.Dispose();
        }
    }
}
