using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Wright.Core.Tools;
using Wright.Mcp;
using Wright.Mcp.Elicitation;
using Wright.Mcp.Transport;
using Wright.Tests.Support;

namespace Wright.Tests.Mcp;

/// <summary>
/// The MCP client against a scripted stdio server (Fixtures/mcp/scripted-server.mjs) that speaks a chosen protocol
/// revision and answers the server/discover probe in a chosen way; and the client's roots, elicitation and
/// tools/list_changed handling.
/// </summary>
public sealed class McpClientProtocolTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static McpServerConfig Scripted(string version = "2025-06-18", string discover = "error") => new("scripted")
    {
        Command = "node",
        Args = [Path.Combine(AppContext.BaseDirectory, "Fixtures", "mcp", "scripted-server.mjs")],
        Env = new Dictionary<string, string> { ["MCP_VERSION"] = version, ["MCP_DISCOVER"] = discover },
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static JsonElement Args(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("2025-03-26", "empty")] // the answer that made Wright give up before: an empty result
    [InlineData("2025-03-26", "wrong-shape")]
    [InlineData("2025-06-18", "empty")]
    [InlineData("2025-06-18", "error")]
    [InlineData("2025-11-25", "wrong-shape")]
    [InlineData("2025-11-25", "hang")] // no answer: the probe times out and initialize follows
    public async Task Servers_of_every_revision_since_2025_03_26_are_reached_whatever_they_answer_to_server_discover(string version, string discover)
    {
        await using var hub = await McpHub.StartAsync([Scripted(version, discover)], null, Ct);

        var status = Assert.Single(hub.Statuses);
        Assert.True(status.Running, status.Error);
        var result = await hub.Tools.Single(t => t.RemoteName == "ping").InvokeAsync(Args("{}"), _ctx.Context, Ct);
        Assert.Equal($"pong {version}", result.Content);
        Assert.Equal(version, hub.Client("scripted")!.NegotiatedProtocolVersion);
    }

    [Theory]
    [InlineData("""{"supportedVersions":["2026-07-28"],"capabilities":{}}""", true)]
    [InlineData("""{"supportedVersions":["2026-07-28"],"capabilities":{},"_meta":{"io.modelcontextprotocol/serverInfo":{"name":"s","version":"1"}}}""", true)]
    [InlineData("{}", false)]
    [InlineData("""{"supportedVersions":[],"capabilities":{}}""", false)]
    [InlineData("""{"supportedVersions":"2026-07-28","capabilities":{}}""", false)]
    [InlineData("""{"supportedVersions":["2026-07-28"]}""", false)]
    [InlineData("""{"supportedVersions":["2026-07-28"],"capabilities":{},"_meta":{"io.modelcontextprotocol/serverInfo":null}}""", false)]
    [InlineData("[]", false)]
    public void Only_a_discover_result_of_the_2026_shape_is_passed_to_the_SDK(string json, bool usable) =>
        Assert.Equal(usable, DiscoverGuardSession.IsUsableDiscoverResult(JsonNode.Parse(json)));

    [Fact]
    public async Task The_workspace_is_the_servers_root()
    {
        await using var hub = await McpHub.StartAsync(new McpHubOptions { Workspace = _ctx.Workspace }, [Scripted()], Ct);
        var result = await hub.Tools.Single(t => t.RemoteName == "roots").InvokeAsync(Args("{}"), _ctx.Context, Ct);

        using var roots = JsonDocument.Parse(result.Content);
        var root = Assert.Single(roots.RootElement.GetProperty("roots").EnumerateArray());
        Assert.Equal(new Uri(_ctx.Workspace).AbsoluteUri, root.GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Without_a_person_an_elicitation_is_declined_at_once()
    {
        await using var hub = await McpHub.StartAsync([Scripted()], null, Ct);
        var result = await hub.Tools.Single(t => t.RemoteName == "ask").InvokeAsync(Args("{}"), _ctx.Context, Ct);

        Assert.Equal("""{"action":"decline"}""", result.Content);
    }

    [Fact]
    public async Task A_hosts_elicitor_answers_with_the_form_values()
    {
        var asked = new List<(string Server, string Message)>();
        await using var hub = await McpHub.StartAsync([Scripted()], null, Ct);
        hub.Elicitor = new ScriptedElicitor((server, request) =>
        {
            asked.Add((server, request.Message));
            var form = ElicitationForm.From(request);
            var values = new Dictionary<string, JsonElement>();
            foreach (var (field, typed) in form.Fields.Zip(["Ada", "", "1", "n"]))
            {
                Assert.True(field.TryParse(typed, out var value, out var error), error);
                values[field.Name] = value!.Value;
            }

            return ElicitationForm.Accept(values);
        });
        var result = await hub.Tools.Single(t => t.RemoteName == "ask").InvokeAsync(Args("{}"), _ctx.Context, Ct);

        Assert.Equal(("scripted", "Who are you?"), Assert.Single(asked));
        using var answer = JsonDocument.Parse(result.Content);
        Assert.Equal("accept", answer.RootElement.GetProperty("action").GetString());
        var content = answer.RootElement.GetProperty("content");
        Assert.Equal("Ada", content.GetProperty("name").GetString());
        Assert.Equal(30, content.GetProperty("age").GetInt32()); // Enter took the default
        Assert.Equal("red", content.GetProperty("color").GetString()); // choice 1
        Assert.False(content.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_tools_list_changed_notification_updates_the_tools_and_the_sessions_registry()
    {
        await using var hub = await McpHub.StartAsync([Scripted()], null, Ct);
        var registry = new ToolRegistry([Fake("read_file"), .. hub.Tools]);
        var changed = new TaskCompletionSource<IReadOnlyList<McpTool>>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.ToolsChanged += (server, fresh) =>
        {
            registry.Replace(t => t is McpTool m && m.Server == server, fresh);
            changed.TrySetResult(fresh);
        };
        Assert.False(registry.TryGet("mcp__scripted__extra", out _));

        await hub.Tools.Single(t => t.RemoteName == "grow").InvokeAsync(Args("{}"), _ctx.Context, Ct);
        var fresh = await changed.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Contains(fresh, t => t.RemoteName == "extra");
        Assert.True(registry.TryGet("mcp__scripted__extra", out var extra));
        Assert.True(registry.TryGet("read_file", out _));
        Assert.Contains(registry.Declarations, d => d.Name == "mcp__scripted__extra");
        Assert.Equal("extra works", (await extra.InvokeAsync(Args("{}"), _ctx.Context, Ct)).Content);
        Assert.Equal(5, hub.Statuses[0].Tools);
    }

    [Fact]
    public void A_new_tool_cannot_shadow_one_that_stays()
    {
        var registry = new ToolRegistry([Fake("read_file"), Fake("mcp__s__a")]);
        registry.Replace(t => t.Name.StartsWith("mcp__s__", StringComparison.Ordinal), [Fake("read_file"), Fake("mcp__s__b")]);

        Assert.Equal(["read_file", "mcp__s__b"], registry.Names);
    }

    private static FakeTool Fake(string name) => new(name, ToolEffect.ReadOnly, (_, _) => Task.FromResult(new ToolResult("ok")));

    private sealed class ScriptedElicitor(Func<string, ElicitRequestParams, ElicitResult> answer) : IMcpElicitor
    {
        public ValueTask<ElicitResult> ElicitAsync(string server, ElicitRequestParams request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(answer(server, request));
    }
}
