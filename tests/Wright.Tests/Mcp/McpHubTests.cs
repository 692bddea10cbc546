using System.Diagnostics;
using System.Text.Json;
using Wright.Mcp;
using Wright.Tests.Support;

namespace Wright.Tests.Mcp;

/// <summary>Against the real MCP reference server from npm (@modelcontextprotocol/server-everything).</summary>
public sealed class McpHubTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private static McpServerConfig Everything(string name = "everything") => new(name)
    {
        Command = "node",
        Args = [NodePackages.File("@modelcontextprotocol/server-everything", "dist/index.js"), "stdio"],
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static JsonElement Args(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public async Task Stdio_server_tools_are_exposed_and_callable_with_untrusted_results()
    {
        await using var hub = await McpHub.StartAsync([Everything()], null, TestContext.Current.CancellationToken);

        var status = Assert.Single(hub.Statuses);
        Assert.True(status.Running, status.Error);
        var echo = hub.Tools.Single(t => t.Name == "mcp__everything__echo");
        Assert.StartsWith("[MCP everything] ", echo.Description);
        var result = await echo.InvokeAsync(Args("""{"message":"你好 wright"}"""), _ctx.Context, TestContext.Current.CancellationToken);

        Assert.False(result.IsError);
        Assert.Contains("你好 wright", result.Content);
        Assert.Equal("MCP everything.echo", result.UntrustedSource);
    }

    [Fact]
    public async Task Images_come_back_as_attachments()
    {
        await using var hub = await McpHub.StartAsync([Everything()], null, TestContext.Current.CancellationToken);
        var image = hub.Tools.Single(t => t.RemoteName == "get-tiny-image");
        var result = await image.InvokeAsync(Args("{}"), _ctx.Context, TestContext.Current.CancellationToken);

        var attachment = Assert.IsType<Microsoft.Extensions.AI.DataContent>(Assert.Single(result.Attachments!));
        Assert.Equal("image/png", attachment.MediaType);
        Assert.True(attachment.Data.Length > 50);
    }

    [Theory]
    [InlineData("streamableHttp", "/mcp", null, "http")]
    [InlineData("sse", "/sse", "sse", "sse")] // the legacy HTTP+SSE transport
    public async Task Remote_servers_work_over_streamable_http_and_legacy_sse(string mode, string path, string? type, string transport)
    {
        var port = TinyHttpServer.FreePort();
        var psi = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(NodePackages.File("@modelcontextprotocol/server-everything", "dist/index.js"));
        psi.ArgumentList.Add(mode);
        psi.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var server = Process.Start(psi)!;
        try
        {
            var listening = false;
            for (var i = 0; i < 100 && !listening; i++)
            {
                try
                {
                    using var tcp = new System.Net.Sockets.TcpClient();
                    await tcp.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
                    listening = true;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    await Task.Delay(100, TestContext.Current.CancellationToken);
                }
            }

            await using var hub = await McpHub.StartAsync([new McpServerConfig("remote") { Url = new Uri($"http://127.0.0.1:{port}{path}"), Type = type, Timeout = TimeSpan.FromSeconds(20) }],
                null, TestContext.Current.CancellationToken);
            Assert.True(hub.Statuses[0].Running, hub.Statuses[0].Error);
            Assert.Equal(transport, hub.Statuses[0].Transport);
            var result = await hub.Tools.Single(t => t.Name == "mcp__remote__echo").InvokeAsync(Args("""{"message":"over http"}"""), _ctx.Context, TestContext.Current.CancellationToken);
            Assert.Contains("over http", result.Content);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_server_that_cannot_start_is_reported_and_the_others_still_run()
    {
        var broken = new McpServerConfig("broken") { Command = "/nonexistent/mcp-server", Timeout = TimeSpan.FromSeconds(5) };
        await using var hub = await McpHub.StartAsync([broken, Everything()], null, TestContext.Current.CancellationToken);

        var failed = hub.Statuses.Single(s => s.Name == "broken");
        Assert.Equal("failed", failed.State);
        Assert.Contains("could not start '/nonexistent/mcp-server'", failed.Error);
        Assert.True(hub.Statuses.Single(s => s.Name == "everything").Running);
        Assert.DoesNotContain(hub.Tools, t => t.Server == "broken");
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        var silent = new McpServerConfig("silent") { Command = "sleep", Args = ["60"], Timeout = TimeSpan.FromSeconds(1) };
        var watch = Stopwatch.StartNew();
        await using var hub = await McpHub.StartAsync([silent], null, TestContext.Current.CancellationToken);

        Assert.Equal("did not start within 1s", hub.Statuses[0].Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Tool_names_are_sanitised_and_bounded()
    {
        Assert.Equal("mcp__my_server__do_thing-x", McpTool.ToolName("my server", "do.thing-x"));
        Assert.Equal(64, McpTool.ToolName(new string('s', 40), new string('t', 40)).Length);
    }
}
