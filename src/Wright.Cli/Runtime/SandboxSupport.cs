namespace Wright.Cli.Runtime;

/// <summary>Whether tool processes can run inside the sandbox on this machine.</summary>
internal static class SandboxSupport
{
    public static (bool Available, string Reason) Probe() =>
        (false, "the sandbox is not wired into the shell tool in this build");
}
