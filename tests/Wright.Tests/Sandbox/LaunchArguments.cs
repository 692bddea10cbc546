using System.Text;
using Wright.Tools.Shell;

namespace Wright.Tests.Sandbox;

/// <summary>Everything a launch passes: the command line, then bwrap's own arguments from its stdin (NUL-separated).</summary>
internal static class LaunchArguments
{
    public static List<string> Of(CommandLaunch launch) =>
        [.. launch.StartInfo.ArgumentList, .. Encoding.UTF8.GetString(launch.Input.Span).Split('\0', StringSplitOptions.RemoveEmptyEntries)];
}
