namespace Wright.Cli.Text;

/// <summary>Strings of <c>wright acp</c>.</summary>
internal static partial class Strings
{
    public const string AcpDescription = "Serve the Agent Client Protocol (v1) over stdio, for editors such as Zed and JetBrains IDEs";
    public const string AcpModelOption = "The model of new sessions (provider/model)";
    public const string AcpPermissionModeOption = "The permission mode new sessions start in: plan, ask, accept-edits, auto or yolo (default: ask)";
}
