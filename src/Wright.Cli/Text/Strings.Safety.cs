namespace Wright.Cli.Text;

internal static partial class Strings
{
    public const string UntrustedProjectSandboxNetwork =
        "{0}: sandbox.network is ignored until you trust this project config (wright trust); sandboxed commands stay offline.";
    public const string BadSandboxNetwork = "{0}: {1}";
}
