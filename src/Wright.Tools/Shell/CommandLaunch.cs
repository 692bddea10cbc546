using System.Diagnostics;

namespace Wright.Tools.Shell;

/// <summary>
/// One process start prepared by an <see cref="ICommandLauncher"/>: the start info, the bytes to write to its stdin
/// before closing it (a sandbox passes its own arguments there, never on a command line), a note that explains how
/// the command ended (a resource limit it hit), and what to release once the process has ended (disposing does it).
/// </summary>
public sealed class CommandLaunch : IDisposable
{
    private readonly Func<int, string, string?>? _explain;
    private Action? _release;

    /// <summary>Creates the launch.</summary>
    public CommandLaunch(ProcessStartInfo startInfo, ReadOnlyMemory<byte> input = default, Action? release = null, Func<int, string, string?>? explain = null)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        StartInfo = startInfo;
        Input = input;
        _release = release;
        _explain = explain;
    }

    /// <summary>The process to start.</summary>
    public ProcessStartInfo StartInfo { get; }

    /// <summary>Written to the process's stdin right after it starts, then stdin is closed; empty: nothing.</summary>
    public ReadOnlyMemory<byte> Input { get; }

    /// <summary>A note for the model on why the command ended (exit code -1: it was killed by a timeout), or null.</summary>
    public string? Explain(int exitCode, string outputTail) => _explain?.Invoke(exitCode, outputTail);

    /// <summary>Releases what the launch holds (once; safe to call again).</summary>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
