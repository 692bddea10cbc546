using System.Runtime.InteropServices;
using Wright.Cli.Text;

namespace Wright.Cli.Hosting;

/// <summary>
/// <c>wright serve --cluster …</c> and <c>wright fleet …</c> run the fleet node program, <c>wright-node</c> (Orleans
/// cannot be compiled ahead of time, so the node is its own framework-dependent program; see docs/fleet.md). It is
/// looked for next to this binary (<c>dist/wright-node/wright-node</c> beside <c>dist/wright</c>) and replaces this
/// process (execv), so signals reach it directly.
/// </summary>
internal static partial class FleetNodeLauncher
{
    /// <summary>
    /// Whether the command line is the fleet's: <c>fleet …</c>, or <c>serve</c> with <c>--cluster</c>, <c>WRIGHT_CLUSTER</c>
    /// or <c>fleet.cluster</c> in the user's config (<c>$WRIGHT_HOME/config.json</c> only; a repository's config never
    /// turns a server into a fleet node).
    /// </summary>
    public static bool IsFleet(string[] args) => args is ["fleet", ..] || (args is ["serve", ..] && (args.Any(a => a == "--cluster" || a.StartsWith("--cluster=", StringComparison.Ordinal))
        || Environment.GetEnvironmentVariable("WRIGHT_CLUSTER") is { Length: > 0 } || ConfiguredCluster()));

    private static bool ConfiguredCluster()
    {
        try
        {
            var home = Wright.Runtime.Configuration.WrightHome.Resolve(Environment.GetEnvironmentVariable);
            return !string.IsNullOrWhiteSpace(Wright.Runtime.Configuration.ConfigLoader.LoadUser(home).Fleet.Cluster);
        }
        catch (Wright.Runtime.Configuration.ConfigException)
        {
            return false; // the single-machine server reports the broken config
        }
    }

    /// <summary>Runs wright-node with the same arguments; returns only when it cannot.</summary>
    public static int Exec(string[] args)
    {
        var node = Path.Combine(AppContext.BaseDirectory, "wright-node", "wright-node");
        if (!File.Exists(node))
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.FleetNodeMissing, node));
            return ExitCodes.Usage;
        }

        string?[] argv = [node, .. args, null];
        ExecV(node, argv);
        Console.Error.WriteLine(Strings.ErrorPrefix + string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.FleetNodeFailed, node, Marshal.GetLastPInvokeError()));
        return ExitCodes.Error;
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecV(string path, string?[] argv);
}
