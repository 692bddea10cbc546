using System.Globalization;
using Wright.Cli.Text;

namespace Wright.Cli.Interactive;

/// <summary>The question asked before working in the home directory (or an ancestor of it).</summary>
internal sealed partial class InteractiveHost
{
    /// <summary>Asks y/N; only 'y' says yes (Enter, 'n', Esc and Ctrl-C say no).</summary>
    private async Task<bool> ConfirmHomeWorkspaceAsync(string workspace, string home, CancellationToken cancellationToken)
    {
        var ansi = terminal.Ansi;
        terminal.Write(ansi.Yellow(string.Format(CultureInfo.InvariantCulture, Strings.HomeWorkspaceQuestion, workspace, home)));
        var key = (await keys.ReadAsync(cancellationToken)).Key;
        var yes = char.ToLowerInvariant(key.KeyChar) == 'y' && (key.Modifiers & ConsoleModifiers.Control) == 0;
        terminal.WriteLine(yes ? ansi.Green(Strings.TuiApproved) : ansi.Red(Strings.TuiDeclined));
        return yes;
    }
}
