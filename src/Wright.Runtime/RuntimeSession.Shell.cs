using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wright.Core.Events;
using Wright.Runtime.Text;

namespace Wright.Runtime;

/// <summary>The user-shell-command operation (<c>!cmd</c>).</summary>
public sealed partial class RuntimeSession
{
    private string Redact(string text) => Redactor?.Redact(text) ?? text;

    /// <summary>Characters of a user shell command's output the model is given at most.</summary>
    public const int ShellNoteChars = 16_000;

    /// <summary>
    /// Runs <paramref name="command"/> for the person at the host (the user-shell-command operation): <c>/bin/sh -c</c>
    /// in the workspace, stderr joined to stdout, each line passed to <paramref name="onLine"/> as it comes; cancelling
    /// stops it. Then the command, its exit status and its (capped) output join the conversation as a note, redacted
    /// and journaled like a tool result. It is the person's own command, typed as at their own prompt, so it runs
    /// unsandboxed and without approval; the model's commands still go through the permission engine. Only between
    /// runs. Throws <see cref="InvalidOperationException"/> (or an <see cref="IOException"/>) when it cannot start.
    /// </summary>
    public async Task<ShellCommandFinished> RunShellCommandAsync(string command, Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (IsRunning)
            throw new InvalidOperationException("A run is in progress in this session; run the command after it finishes.");
        var psi = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Workspace,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PATH"] = Wright.Core.Processes.TrustedPrograms.SearchPath([Workspace]);
        psi.ArgumentList.Add("-c");
        // One pipe for both streams: an error shows right after the line that caused it.
        psi.ArgumentList.Add("exec 2>&1\n" + command);
        var output = new StringBuilder();
        var total = 0;
        var gate = new Lock();
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (gate)
            {
                total += line.Length + 1;
                if (output.Length < ShellNoteChars)
                    output.Append(line.AsSpan(0, Math.Min(line.Length, ShellNoteChars - output.Length))).Append('\n');
                onLine?.Invoke(line);
            }
        }

        string status;
        using (var process = new Process { StartInfo = psi })
        {
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(cancellationToken);
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
                status = Strings.ShellCancelled;
            }
        }

        string captured;
        lock (gate)
        {
            captured = output.ToString();
            if (total > ShellNoteChars)
                captured += string.Format(CultureInfo.InvariantCulture, Strings.ShellTruncated, ShellNoteChars, total) + "\n";
        }

        Session.AddUserNote(string.Format(CultureInfo.InvariantCulture, Strings.ShellNote, command, status, captured));
        // The journal never holds what the model may not see: redacted like the note.
        var finished = new ShellCommandFinished(Redact(command), status, Redact(captured));
        Session.Publish(finished);
        return finished;
    }
}
