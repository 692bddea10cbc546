using System.CommandLine;
using System.Runtime.InteropServices;
using Wright.Node.Hosting;

namespace Wright.Node;

/// <summary>
/// <c>wright-node</c>: <c>serve --cluster "&lt;PostgreSQL connection string&gt;"</c> runs a fleet node;
/// <c>fleet status</c> and <c>fleet drain NODE</c> look after the fleet through any node's API.
/// <c>wright serve --cluster …</c> and <c>wright fleet …</c> (through <c>wright.sh</c>, or dist/wright when
/// dist/wright-node is next to it) come here.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // The interface language, as in wright: WRIGHT_LANG, a zh_* locale, else "language" in the user config.
        Wright.Core.Localization.UiLanguage.Set(Wright.Core.Localization.UiLanguage.Choose(Environment.GetEnvironmentVariable,
            () => Wright.Runtime.Configuration.ConfigLoader.ReadLanguage(Wright.Runtime.Configuration.WrightHome.Resolve(Environment.GetEnvironmentVariable))));
        var root = new RootCommand("wright-node") { ServeCommand.Create(), FleetCommand.Create() };
        // SIGTERM and SIGINT drain the node (rolling restart): the host decides when to leave, not a fixed timeout.
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
    }
}
