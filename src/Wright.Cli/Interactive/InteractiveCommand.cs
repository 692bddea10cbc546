using System.Text;
using Wright.Cli.Hosting;

namespace Wright.Cli.Interactive;

/// <summary>Starts the interactive session on the process's terminal.</summary>
internal static class InteractiveCommand
{
    public static async Task<int> RunAsync(HeadlessRequest request, Func<string, string?> environment, bool noColor, CancellationToken cancellationToken)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var color = !noColor && string.IsNullOrEmpty(environment("NO_COLOR")) && environment("TERM") is not "dumb";
        var terminal = new TerminalOutput(Console.Out, () => Console.IsOutputRedirected ? 80 : Console.WindowWidth, isTerminal: true, color);
        if (Distribution.UpdateNotice.Take(environment, Wright.Runtime.Configuration.WrightHome.Resolve(environment), TimeProvider.System) is { } notice)
            terminal.WriteLine(terminal.Ansi.Dim(notice));
        var keys = new ConsoleKeySource();
        return await new InteractiveHost(request, environment, keys, terminal).RunAsync(cancellationToken);
    }
}
