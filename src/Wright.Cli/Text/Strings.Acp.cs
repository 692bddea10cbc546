using Wright.Core.Localization;

namespace Wright.Cli.Text;

/// <summary>Strings of <c>wright acp</c>.</summary>
internal static partial class Strings
{
    public static string AcpDescription => UiLanguage.Pick("Serve the Agent Client Protocol (v1) over stdio, for editors such as Zed and JetBrains IDEs", StringsZhCN.AcpDescription);
    public static string AcpModelOption => UiLanguage.Pick("The model of new sessions (provider/model)", StringsZhCN.AcpModelOption);
    public static string AcpPermissionModeOption => UiLanguage.Pick("The permission mode new sessions start in: plan, ask, accept-edits, auto or yolo (default: ask)", StringsZhCN.AcpPermissionModeOption);
}
