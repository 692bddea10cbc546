namespace Wright.Runtime.Text;

internal static partial class Strings
{
    public const string UntrustedProjectLimits =
        "{0}: {1} can only be lowered until you trust this project config (wright trust); the higher or unlimited value is ignored.";
    public const string NegativeLimit = "{0}: \"{1}\" must be 0 (no limit) or more";
}
