using System.Buffers.Binary;
using System.Text.Json;
using Wright.Core.Tools;
using Wright.Sandbox;
using Wright.Sandbox.Seccomp;
using Wright.Tests.Support;
using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Sandbox;

/// <summary>The seccomp layer, inside the real bubblewrap (x86_64).</summary>
public sealed class SeccompTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();
    private readonly BubblewrapLauncher _launcher;
    private readonly ShellTool _shell;

    public SeccompTests()
    {
        Assert.True(BubblewrapLauncher.Probe().Available, "bubblewrap must work on the test machine");
        Assert.True(SeccompFilter.Supported, "the test machine is x86_64 Linux");
        _launcher = new BubblewrapLauncher(_ctx.Workspace, []);
        _shell = new ShellTool(new ToolOptions { DefaultShellTimeout = TimeSpan.FromSeconds(20), Launcher = _launcher });
    }

    public void Dispose()
    {
        _launcher.Dispose();
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
    public void The_program_checks_the_architecture_first_and_ends_in_returns()
    {
        var program = SeccompFilter.Build();

        Assert.Equal(0, program.Length % 8);
        Assert.Equal(0x20, BinaryPrimitives.ReadUInt16LittleEndian(program)); // ld [arch]
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(program.AsSpan(4)));
        Assert.Equal(0xC000003Eu, BinaryPrimitives.ReadUInt32LittleEndian(program.AsSpan(12)));
        Assert.Equal(0x06, BinaryPrimitives.ReadUInt16LittleEndian(program.AsSpan(program.Length - 8))); // ret
    }

    [Fact]
    public async Task The_filter_is_installed_and_ordinary_work_still_runs()
    {
        var output = await Run("grep Seccomp: /proc/self/status; echo hi > f.txt && cat f.txt | tr a-z A-Z; ls / | head -1 >/dev/null && echo ls-ok; getent hosts localhost >/dev/null && echo resolve-ok; git --version >/dev/null && echo git-ok");
        Assert.Contains("resolve-ok", output);
        Assert.Contains("git-ok", output);

        Assert.Contains("Seccomp:\t2", output);
        Assert.Contains("HI", output);
        Assert.Contains("ls-ok", output);
    }

    [Fact]
    public async Task Namespace_and_mount_syscalls_fail_with_eperm()
    {
        var output = await Run("unshare -U true 2>&1; unshare -n true 2>&1; mount -t tmpfs none /tmp 2>&1; echo done");

        Assert.Contains("done", output);
        Assert.Contains("Operation not permitted", output);
        Assert.DoesNotContain("unshare-ok", output);
    }

    [Fact]
    public async Task Netlink_and_packet_sockets_are_refused_but_loopback_tcp_works()
    {
        var script = "import socket\n" +
                     "for fam in (16, 17, 40, 38):\n" +
                     "    try:\n        socket.socket(fam, socket.SOCK_RAW if fam != 38 else socket.SOCK_SEQPACKET); print('open', fam)\n" +
                     "    except OSError as e: print('refused', fam, e.errno)\n" +
                     "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(); print('loopback-ok')\n" +
                     "u = socket.socket(socket.AF_UNIX); print('unix-ok')\n";
        File.WriteAllText(Path.Combine(_ctx.Workspace, "probe.py"), script);
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null;
        Assert.NotNull(python);

        var output = await Run($"{python} probe.py");

        Assert.DoesNotContain("open ", output);
        Assert.Contains("refused 16 97", output);
        Assert.Contains("refused 17 97", output);
        Assert.Contains("loopback-ok", output);
        Assert.Contains("unix-ok", output);
    }
}
