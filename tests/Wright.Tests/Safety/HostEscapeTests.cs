using Wright.Sandbox;
using Wright.Tools;
using Wright.Tools.Shell;

namespace Wright.Tests.Safety;

/// <summary>
/// Host escapes an adversarial review found by driving the shell tool with hostile commands and repositories
/// (issue 12): writes that land in configuration the host later executes (<c>.ProtectedPaths.cs</c>), host reads
/// and hangs through files the sandbox controls (<c>.Logs.cs</c>), secrets of the real home (<c>.Home.cs</c>), the
/// environment, descriptors and sockets that cross into the sandbox (<c>.Environment.cs</c>), and resources
/// (<c>.Resources.cs</c>). Every case asserts the outcome and the bytes outside the workspace that must not move.
/// </summary>
public sealed partial class HostEscapeTests : IDisposable
{
    private readonly HostCanaries _host = new();
    private readonly List<IDisposable> _owned = [];

    public HostEscapeTests()
    {
        var (available, reason) = BubblewrapLauncher.Probe();
        Assert.True(available, "bubblewrap must work on the test machine: " + reason);
    }

    public void Dispose()
    {
        _host.Dispose();
        foreach (var owned in _owned)
            owned.Dispose();
    }

    private ShellTool Sandboxed(SandboxOptions? options = null, string? workspace = null, TimeSpan? timeout = null, ToolOptions? tools = null)
    {
        var launcher = new BubblewrapLauncher(workspace ?? _host.Workspace, [_host.WrightHome], options ?? new SandboxOptions());
        _owned.Add(launcher);
        return new ShellTool(new ToolOptions
        {
            DefaultShellTimeout = timeout ?? TimeSpan.FromSeconds(30),
            Launcher = launcher,
            AllowedSecretEnvVars = tools?.AllowedSecretEnvVars ?? [],
            MaxShellOutputChars = tools?.MaxShellOutputChars ?? 30_000,
        });
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
