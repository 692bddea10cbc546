using Wright.Sandbox;

namespace Wright.Runtime.Platform;

/// <summary>Whether tool processes can run inside the sandbox on this machine (checked once per run).</summary>
internal static class SandboxSupport
{
    public static (bool Available, string Reason) Probe() => BubblewrapLauncher.Probe();
}
