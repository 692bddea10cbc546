using System.Globalization;
using Wright.Cli.Text;
using Wright.Runtime;

namespace Wright.Cli.Interactive;

/// <summary><c>!command</c>: the person runs a shell command themselves; the model sees it and its output.</summary>
internal sealed partial class InteractiveHost
{
    /// <summary>Output lines shown on the terminal at most.</summary>
    private const int ShellShownLines = 200;

    /// <summary>
    /// Runs <paramref name="command"/> through the session's user-shell-command operation, printing its output as it
    /// comes; Esc or Ctrl-C stops it. The runtime adds the command, its exit code and its (capped) output to the
    /// conversation.
    /// </summary>
    private async Task ShellAsync(string command, CancellationToken cancellationToken)
    {
        var lines = 0;
        void OnLine(string line)
        {
            if (++lines <= ShellShownLines)
                terminal.WriteLine(line);
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watching = new CancellationTokenSource();
        var watcher = WatchForInterruptAsync(run.Cancel, watching.Token);
        string status;
        try
        {
            status = (await Session.RunShellCommandAsync(command, OnLine, run.Token)).Status;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            terminal.WriteLine(terminal.Ansi.Red(string.Format(CultureInfo.InvariantCulture, Strings.TuiShellFailed, ex.Message)));
            return;
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (lines > ShellShownLines)
            terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiShellMoreLines, lines - ShellShownLines, RuntimeSession.ShellNoteChars)));
        var exit = string.Format(CultureInfo.InvariantCulture, Strings.TuiShellExit, status);
        terminal.WriteLine(status == "0" ? terminal.Ansi.Dim(exit) : terminal.Ansi.Red(exit));
    }
}
