using System.Diagnostics;
using System.Text;
using Wright.Runtime.Setup;
using Wright.Runtime.Text;
using Wright.Tools.Shell;

namespace Wright.Runtime;

/// <summary>Running the repository's setup script (<c>wright serve</c>'s attempts) in the session's sandbox.</summary>
public sealed partial class RuntimeSession
{
    /// <summary>The repository whose trust applies to this workspace's project files (<see cref="SessionRequest.TrustRoot"/>).</summary>
    public string? TrustRoot { get; init; }

    /// <summary>The workspace's <c>.wright/setup.sh</c>, with whether it is trusted (see <see cref="SetupScript"/>).</summary>
    public SetupScript FindSetupScript() => SetupScript.Find(Home, Workspace, TrustRoot);

    /// <summary>
    /// Runs a trusted setup script with bash inside the sandbox (whatever the permission mode: it is the repository's
    /// code, not the person's), in the workspace, with the sandbox's environment (no keys), stdin closed, stderr
    /// joined to stdout line by line into <paramref name="onLine"/>; after <paramref name="timeout"/> its whole process
    /// group is killed. Only between runs. Throws <see cref="InvalidOperationException"/> when the script is not
    /// trusted, a run is in progress, or there is no sandbox here (it never runs unsandboxed).
    /// </summary>
    public async Task<SetupScriptResult> RunSetupScriptAsync(SetupScript script, TimeSpan timeout, Action<string> onLine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(onLine);
        if (script.State != SetupScriptState.Trusted || script.Text is null)
            throw new InvalidOperationException(Strings.SetupNotTrusted);
        if (IsRunning)
            throw new InvalidOperationException("A run is in progress in this session; run the setup script before it.");
        if (Sandbox.Launcher is not { } launcher)
            throw new InvalidOperationException(string.Format(System.Globalization.CultureInfo.InvariantCulture, Strings.SetupNeedsSandbox, Sandbox.Reason));

        var env = ShellEnvironment.Build([]);
        using var launch = launcher.Launch(["--noprofile", "--norc", "-c", "exec 2>&1\n" + script.Text, "setup.sh"], env, Workspace);
        var psi = launch.StartInfo;
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.StandardOutputEncoding = Encoding.UTF8;
        psi.StandardErrorEncoding = Encoding.UTF8;
        var tail = new StringBuilder();
        var gate = new Lock();
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (gate)
            {
                tail.Append(line).Append('\n');
                if (tail.Length > 8000)
                    tail.Remove(0, tail.Length - 4000);
                onLine(Redact(line));
            }
        }

        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        InheritedDescriptors.MarkCloseOnExec();
        // Not process.Start(): bwrap's --die-with-parent would kill the script when this pool thread retires.
        Wright.Core.Processes.ProcessSpawner.Start(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (!launch.Input.IsEmpty)
            {
                await process.StandardInput.BaseStream.WriteAsync(launch.Input, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                await process.StandardInput.BaseStream.FlushAsync(cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException)
        {
            // The launcher died before it read its input; its error shows in the output.
        }

        var timedOut = false;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested;
            }
        }

        // Nothing the script started outlives it: setsid made it lead its own process group.
        NativeProcess.KillGroup(process.Id);
        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        var code = timedOut || !process.HasExited ? -1 : process.ExitCode;
        string captured;
        lock (gate)
            captured = tail.ToString();
        return new SetupScriptResult(code, timedOut, launch.Explain(code, captured));
    }
}
