using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Wright.Tests.E2E;
using Wright.Tests.Support;

namespace Wright.Tests.Safety;

/// <summary>
/// <c>wright mcp serve</c> (the real binary) against callers who want more than the operator gave: a workspace outside
/// the roots (home, <c>/</c>, <c>..</c>, a link, Wright's own home), a mode above the server's own, HTTP without the
/// token, and a DNS-rebinding page. The model would write <c>escaped.txt</c> if it ran; canaries must not move.
/// </summary>
public sealed class McpServeEscapeTests
{
    private const string Fixtures = """
        {"fixtures":[
          {"match":{"userMessage":"make file","hasToolResult":false},"response":{"toolCalls":[{"name":"write_file","arguments":"{\"path\":\"escaped.txt\",\"content\":\"written\\n\"}"}]}},
          {"match":{"userMessage":"make file","hasToolResult":true},"response":{"content":"Wrote escaped.txt."}}
        ]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A stdio server whose $HOME is the test's root (so home is a directory the test owns).</summary>
    private static async Task<McpClient> ServeAsync(WrightProcess wright, AimockServer? mock, string workingDirectory, params string[] args)
    {
        var psi = wright.StartInfo(["mcp", "serve", .. args]);
        var environment = psi.Environment.ToDictionary(kv => kv.Key, kv => kv.Value);
        environment["HOME"] = wright.Root;
        if (mock is not null)
        {
            environment["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1";
            environment["DEEPSEEK_API_KEY"] = "k";
        }

        return await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "wright", Command = psi.FileName, Arguments = [.. psi.ArgumentList], EnvironmentVariables = environment,
            InheritEnvironmentVariables = false, WorkingDirectory = workingDirectory,
        }), cancellationToken: Ct);
    }

    private static async Task<(bool IsError, string Text)> CallAsync(McpClient client, string? cwd, string mode)
    {
        var args = new Dictionary<string, object?> { ["prompt"] = "make file", ["model"] = "deepseek/deepseek-chat", ["permission_mode"] = mode };
        if (cwd is not null)
            args["cwd"] = cwd;
        var result = await client.CallToolAsync("run_task", args, cancellationToken: Ct);
        return (result.IsError == true, ((TextContentBlock)result.Content[0]).Text);
    }

    private static string[] Written(WrightProcess wright) =>
        Directory.GetFiles(wright.Root, "escaped.txt", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(wright.Root, f)).ToArray();

    [Fact]
    public async Task Run_task_never_works_outside_the_servers_roots()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess();
        var outside = Path.Combine(wright.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "host.txt"), SafetyWorkspace.Canary);
        File.CreateSymbolicLink(Path.Combine(wright.Workspace, "link"), outside);
        Directory.CreateDirectory(Path.Combine(wright.Workspace, "sub"));
        await using var client = await ServeAsync(wright, mock, wright.Workspace, "--cwd", wright.Workspace);

        // $HOME (the test root), a sibling by "..", by absolute path and through a link, Wright's own home: each would
        // have taken the write. "/" is asked in plan mode, so a server that accepts it writes nothing there.
        foreach (var (cwd, mode) in new[]
                 {
                     (wright.Root, "accept-edits"), ("../outside", "accept-edits"), (outside, "accept-edits"), ("link", "accept-edits"),
                     (wright.Home, "accept-edits"), ("/", "plan"),
                 })
        {
            var (isError, text) = await CallAsync(client, cwd, mode);
            Assert.True(isError, $"cwd {cwd} was accepted: {text}");
            Assert.StartsWith("run_task: argument 'cwd'", text);
        }

        Assert.Empty(Written(wright));
        Assert.Equal(SafetyWorkspace.Canary, File.ReadAllText(Path.Combine(outside, "host.txt")));

        // Inside the roots the same call works: the refusals above were the roots, not the fixture.
        var (ok, answer) = await CallAsync(client, "sub", "accept-edits");
        Assert.False(ok, answer);
        Assert.Equal([Path.Combine("ws", "sub", "escaped.txt")], Written(wright));
    }

    [Fact]
    public async Task A_server_started_in_home_or_the_root_without_roots_refuses_every_call()
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess();
        foreach (var start in new[] { wright.Root /* $HOME */, "/" })
        {
            await using var client = await ServeAsync(wright, mock, start);
            foreach (var cwd in new[] { null, wright.Workspace, "ws" })
            {
                var (isError, text) = await CallAsync(client, cwd, cwd is null && start == "/" ? "plan" : "accept-edits");
                Assert.True(isError, $"started in {start}, cwd {cwd ?? "(none)"} was accepted: {text}");
                Assert.Contains("no allowed root", text);
            }
        }

        Assert.Empty(Written(wright));
    }

    [Theory]
    [InlineData("environment")]
    [InlineData("config")]
    [InlineData("flag")]
    public async Task The_servers_own_mode_is_a_ceiling_no_caller_can_raise(string how)
    {
        await using var mock = await AimockServer.StartAsync(Fixtures);
        using var wright = new WrightProcess();
        if (how == "environment")
            wright.Environment["WRIGHT_PERMISSION_MODE"] = "plan";
        if (how == "config")
            File.WriteAllText(Path.Combine(wright.Home, "config.json"), """{"permission_mode":"plan"}""");
        await using var client = await ServeAsync(wright, mock, wright.Workspace, how == "flag" ? ["--permission-mode", "plan"] : []);

        foreach (var mode in new[] { "auto", "accept-edits", "ask" })
        {
            var (isError, text) = await CallAsync(client, null, mode);
            Assert.True(isError, $"{mode} on a plan server was accepted: {text}");
            Assert.Equal($"run_task: argument 'permission_mode' is '{mode}', above this server's own mode 'plan' (the most a call may have)", text);
        }

        Assert.Empty(Written(wright));
        var (planned, answer) = await CallAsync(client, null, "plan");
        Assert.False(planned, answer);
        Assert.Empty(Written(wright));
    }

    [Fact]
    public async Task Http_on_every_interface_needs_the_token_and_refuses_a_rebinding_page()
    {
        using var wright = new WrightProcess();
        const string Accept = "application/json, text/event-stream";
        const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"probe","version":"1"}}}""";
        System.Text.Json.Nodes.JsonNode Request(Dictionary<string, string> headers)
        {
            var all = new System.Text.Json.Nodes.JsonObject { ["Accept"] = Accept, ["Content-Type"] = "application/json" };
            foreach (var (name, value) in headers)
                all[name] = value;
            return new System.Text.Json.Nodes.JsonObject { ["method"] = "POST", ["headers"] = all, ["body"] = Initialize };
        }

        var requests = new System.Text.Json.Nodes.JsonArray(
        [
            Request(new() { ["Host"] = "127.0.0.1:{port}" }),
            Request(new() { ["Host"] = "127.0.0.1:{port}", ["Authorization"] = "Bearer guess" }),
            Request(new() { ["Host"] = "evil.example.com:{port}", ["Origin"] = "http://evil.example.com:{port}", ["Authorization"] = "Bearer {token}" }),
            Request(new() { ["Host"] = "evil.example.com:{port}", ["Authorization"] = "Bearer {token}" }),
            Request(new() { ["Host"] = "10.1.2.3:{port}", ["Origin"] = "http://evil.example.com", ["Authorization"] = "Bearer {token}" }),
            Request(new() { ["Host"] = "10.1.2.3:{port}", ["Authorization"] = "Bearer {token}" }),
        ]).ToJsonString();
        var run = await PrivateNetwork.RunAsync(PrivateNetwork.StartHttpServer("""--host 0.0.0.0 --cwd "$WS" """) + """
            export WRIGHT_TEST_BEARER="$(cat "$WRIGHT_HOME/mcp-token")"
            node "$MODULES/../http-probe.cjs" "http://127.0.0.1:${url##*:}" "$REQUESTS"
            """, new Dictionary<string, string>
        {
            ["WRIGHT"] = WrightProcess.Binary, ["WRIGHT_HOME"] = wright.Home, ["WS"] = wright.Workspace, ["OUT"] = wright.Root,
            ["MODULES"] = NodePackages.Modules, ["REQUESTS"] = requests,
        }, TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 0, run.ToString());
        var responses = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([401, 401, 403, 403, 403, 200], responses.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal("Bearer", responses[0].GetProperty("wwwAuthenticate").GetString());
        foreach (var refused in responses.Take(5))
        {
            Assert.Equal("application/json", refused.GetProperty("contentType").GetString());
            using var body = JsonDocument.Parse(refused.GetProperty("body").GetString()!);
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetProperty("message").GetString()));
        }

        var banner = File.ReadAllText(Path.Combine(wright.Root, "server.err"));
        Assert.Contains("listening on http://0.0.0.0:", banner);
        Assert.Contains("is reachable from the network", banner);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(wright.Home, "mcp-token")));
    }
}
