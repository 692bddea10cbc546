using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wright.Cli.Text;

namespace Wright.Cli.Interactive;

/// <summary><c>!command</c>: the person runs a shell command themselves; the model sees it and its output.</summary>
internal sealed partial class InteractiveHost
{
    /// <summary>Output lines shown on the terminal at most.</summary>
    private const int ShellShownLines = 200;

    /// <summary>Characters of output the model is given at most.</summary>
    private const int ShellNoteChars = 16_000;

    /// <summary>
    /// Runs <paramref name="command"/> with <c>/bin/sh -c</c> in the workspace, printing its output as it comes; Esc
    /// or Ctrl-C stops it. Then the command, its exit code and its (capped) output are added to the conversation.
    /// It is the user's own input, typed as at their own shell prompt, so it runs unsandboxed and without approval,
    /// like a command in their terminal would; the model's commands still go through the permission engine.
    /// </summary>
    private async Task ShellAsync(string command, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Composed.Workspace,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PATH"] = Wright.Core.Processes.TrustedPrograms.SearchPath([Composed.Workspace]);
        psi.ArgumentList.Add("-c");
        // One pipe for both streams: an error shows right after the line that caused it.
        psi.ArgumentList.Add("exec 2>&1\n" + command);
        var output = new StringBuilder();
        var total = 0;
        var lines = 0;
        var gate = new object();
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (gate)
            {
                total += line.Length + 1;
                if (output.Length < ShellNoteChars)
                    output.Append(line.AsSpan(0, Math.Min(line.Length, ShellNoteChars - output.Length))).Append('\n');
                if (++lines <= ShellShownLines)
                    terminal.WriteLine(line);
            }
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watching = new CancellationTokenSource();
        var watcher = WatchForInterruptAsync(run, watching.Token);
        string status;
        try
        {
            using var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(run.Token);
                status = process.ExitCode.ToString(CultureInfo.InvariantCulture);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // it had just exited
                }

                await process.WaitForExitAsync(CancellationToken.None);
                status = Strings.TuiShellCancelled;
            }
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
        string captured;
        lock (gate)
        {
            if (lines > ShellShownLines)
                terminal.WriteLine(terminal.Ansi.Dim(string.Format(CultureInfo.InvariantCulture, Strings.TuiShellMoreLines, lines - ShellShownLines, ShellNoteChars)));
            captured = output.ToString();
            if (total > ShellNoteChars)
                captured += string.Format(CultureInfo.InvariantCulture, Strings.TuiShellTruncated, ShellNoteChars, total) + "\n";
        }

        var exit = string.Format(CultureInfo.InvariantCulture, Strings.TuiShellExit, status);
        terminal.WriteLine(status == "0" ? terminal.Ansi.Dim(exit) : terminal.Ansi.Red(exit));
        Composed.Session.AddUserNote(string.Format(CultureInfo.InvariantCulture, Strings.TuiShellNote, command, status, captured));
    }
}
