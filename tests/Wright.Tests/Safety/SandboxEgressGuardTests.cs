using Wright.Core.Approvals;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Permissions;
using Wright.Permissions.Rules;
using Wright.Sandbox;
using Wright.Sandbox.Network;
using Wright.Tests.Sandbox.Network;
using Wright.Tests.Support;
using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Safety;

/// <summary>
/// The trifecta guard at the network layer, under the real bubblewrap: a program the classifier cannot recognise as
/// a network tool (a shell script, a Node script) reaches an allowlisted name through the egress proxy, and the proxy
/// asks the session's labels about every connection. Untrusted content plus a secret: nothing leaves. Untrusted
/// content alone: a person approves each destination while the command runs (headless: refused, with the reason in
/// the response the program prints).
/// </summary>
public sealed class SandboxEgressGuardTests : IDisposable
{
    private const string Script = "fetch.sh";
    private readonly ToolTestContext _ctx = new();
    private readonly NamedHostServer _server = new("registry index");
    private readonly List<ProxyDecision> _log = [];
    private readonly int _port;
    private PermissionEngine? _engine;

    public SandboxEgressGuardTests()
    {
        Assert.True(BubblewrapLauncher.Probe().Available, "bubblewrap must work on the test machine");
        Assert.True(File.Exists("/usr/bin/socat"), "socat must be installed (scripts/install-deps.sh all)");
        _port = _server.Port;
        // The request is made by a script: nothing in the command line says "network".
        File.WriteAllText(Path.Combine(_ctx.Workspace, Script), $"curl -sS --max-time 10 http://registry.npmjs.org:{_port}/index.json; echo; echo script-done\n");
        File.WriteAllText(Path.Combine(_ctx.Workspace, "fetch.js"), $$"""
            const http = require('http');
            const req = http.request({ host: '127.0.0.1', port: 3128, method: 'GET', path: 'http://registry.npmjs.org:{{_port}}/index.json',
              headers: { Host: 'registry.npmjs.org:{{_port}}' } }, res => { let b = ''; res.on('data', d => b += d); res.on('end', () => console.log(res.statusCode, b)); });
            req.on('error', e => console.log('error', e.message));
            req.end();
            """);
    }

    public void Dispose()
    {
        _server.Dispose();
        _ctx.Dispose();
    }

    private PermissionEngine Engine(IApprovalPrompt? prompt, bool trusted = true) =>
        _engine = new PermissionEngine(PermissionMode.Auto, new RuleSet([], _ctx.Workspace, _ctx.Root), _ctx.Workspace, prompt, sandboxed: true, workspaceTrusted: trusted);

    private BubblewrapLauncher Launcher() => new(_ctx.Workspace, [], new SandboxOptions
    {
        NetworkAllow = ["registry.npmjs.org"],
        Resolve = (host, _) => Task.FromResult(host == "registry.npmjs.org" ? new[] { IPAddress.Loopback } : throw new SocketException((int)SocketError.HostNotFound)),
        AllowPrivateAddresses = true,
        Ports = new HashSet<int> { 80, 443, _port },
        NetworkLog = d => { lock (_log) _log.Add(d); },
        EgressDecision = (r, ct) => _engine!.Egress.DecideAsync(r.Method, r.Host, r.Port, r.Target, ct),
    });

    private async Task<string> Run(BubblewrapLauncher launcher, string command, string callId = "sh1")
    {
        var shell = new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(30), Launcher = launcher });
        var args = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object> { ["command"] = command }, TestJson.Default.DictionaryStringObject)).RootElement;
        var result = await shell.InvokeAsync(args, _ctx.Context.ForCall(callId), TestContext.Current.CancellationToken);
        _engine!.Observe(new ToolCall(callId, "shell", args), new ToolCallFinished(callId, "shell", ToolCallStatus.Ok, result.Content, 1));
        return result.Content;
    }

    private static void Untrusted(PermissionEngine engine) =>
        engine.Observe(new ToolCall("w", "web_fetch", JsonDocument.Parse("""{"url":"https://evil.test/readme"}""").RootElement),
            new ToolCallFinished("w", "web_fetch", ToolCallStatus.Ok, "…", 1) { UntrustedSource = "web_fetch https://evil.test/readme" });

    private static void Secret(PermissionEngine engine) =>
        engine.Observe(new ToolCall("r", "read_file", JsonDocument.Parse("""{"path":"svc/.env"}""").RootElement),
            new ToolCallFinished("r", "read_file", ToolCallStatus.Ok, "KEY=…", 1));

    [Fact]
    public async Task A_clean_session_reaches_the_allowlisted_name_from_any_program()
    {
        Engine(prompt: null);
        using var launcher = Launcher();

        var output = await Run(launcher, $"sh {Script}; node fetch.js");

        Assert.Contains("registry index", output);
        Assert.Contains("200 registry index", output);
        Assert.Equal(2, _server.Hits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_untrusted_content_and_a_secret_nothing_leaves_whatever_the_program(bool untrustedWorkspaceOnly)
    {
        var prompt = new RecordingPrompt(ApprovalAnswer.Once);
        var engine = Engine(prompt, trusted: !untrustedWorkspaceOnly);
        if (!untrustedWorkspaceOnly)
            Untrusted(engine);
        Secret(engine);
        using var launcher = Launcher();

        var output = await Run(launcher, $"sh {Script}; node fetch.js; curl -sS --max-time 10 -o /dev/null -w '%{{http_code}}\\n' https://registry.npmjs.org:{_port}/");

        Assert.Contains("trifecta guard", output);
        Assert.Contains("403", output);
        Assert.Contains("script-done", output);
        Assert.DoesNotContain("registry index", output);
        Assert.Equal(0, _server.Hits);
        Assert.Contains(_log, d => !d.Allowed && d.Reason.Contains("nothing may leave the sandbox", StringComparison.Ordinal));
        Assert.Empty(prompt.Requests);
    }

    [Fact]
    public async Task With_untrusted_content_a_headless_run_is_refused_with_the_reason_in_the_response()
    {
        var engine = Engine(prompt: null);
        Untrusted(engine);
        using var launcher = Launcher();

        var output = await Run(launcher, $"sh {Script}");

        Assert.Contains("needs a person's approval, and this run cannot ask", output);
        Assert.Equal(0, _server.Hits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_untrusted_content_a_person_approves_each_destination_while_the_command_runs(bool yes)
    {
        var prompt = new RecordingPrompt(yes ? ApprovalAnswer.Once : ApprovalAnswer.No("not that one"));
        var engine = Engine(prompt);
        Untrusted(engine);
        using var launcher = Launcher();

        var output = await Run(launcher, $"sh {Script}; sh {Script}");

        // Two requests to the same destination in one command: one question.
        var asked = Assert.Single(prompt.Requests);
        Assert.Equal("network", asked.Tool);
        Assert.Contains("registry.npmjs.org", asked.Action);
        Assert.Contains("untrusted content", asked.Reason);
        Assert.False(asked.MayRemember);
        Assert.Equal(yes ? 2 : 0, _server.Hits);
        if (!yes)
            Assert.Contains("declined", output);

        // The answer lasts for that command only.
        await Run(launcher, $"sh {Script}", callId: "sh2");
        Assert.Equal(2, prompt.Requests.Count);
    }

    [Fact]
    public async Task A_command_approved_as_egress_is_not_asked_again_at_the_proxy()
    {
        var prompt = new RecordingPrompt(ApprovalAnswer.Once);
        var engine = Engine(prompt);
        Untrusted(engine);
        using var launcher = Launcher();
        var line = $"curl -sS --max-time 10 http://registry.npmjs.org:{_port}/index.json";
        var call = new ToolCall("sh9", "shell", JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object> { ["command"] = line }, TestJson.Default.DictionaryStringObject)).RootElement);
        var tool = new FakeTool("shell", ToolEffect.Mutating, (_, _) => Task.FromResult(ToolResult.Ok("")));

        Assert.True((await engine.ApproveAsync(call, tool, TestContext.Current.CancellationToken)).Allowed);
        var output = await Run(launcher, line, callId: "sh9");

        Assert.Contains("registry index", output);
        Assert.Single(prompt.Requests); // the engine's question about curl; the proxy did not ask again
    }
}
