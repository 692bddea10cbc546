using System.Collections.Concurrent;
using System.Diagnostics;

namespace Wright.Tools.Shell;

/// <summary>A long-running command started with <c>background: true</c>; its output goes to a log file.</summary>
public sealed class BackgroundJob
{
    private static readonly ConcurrentBag<BackgroundJob> All = [];
    private long _readOffset;

    static BackgroundJob()
    {
        // Background processes die with the session: when Wright exits, their process groups are killed.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var job in All)
                job.Kill();
        };
    }

    internal BackgroundJob(string handle, string command, Process process, string logPath)
    {
        Handle = handle;
        Command = command;
        Process = process;
        LogPath = logPath;
        All.Add(this);
    }

    /// <summary>The handle the model uses.</summary>
    public string Handle { get; }

    /// <summary>The command line.</summary>
    public string Command { get; }

    /// <summary>The process (its pid leads the process group).</summary>
    public Process Process { get; }

    /// <summary>The log file.</summary>
    public string LogPath { get; }

    /// <summary>Whether it still runs.</summary>
    public bool Running => !Process.HasExited;

    /// <summary>New output since the last read (at most <paramref name="maxChars"/>, the rest on the next read).</summary>
    public string ReadNew(int maxChars)
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Interlocked.Read(ref _readOffset), SeekOrigin.Begin);
        var buffer = new byte[Math.Min(maxChars, (int)Math.Max(0, stream.Length - stream.Position))];
        var read = stream.Read(buffer, 0, buffer.Length);
        Interlocked.Add(ref _readOffset, read);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Kills the whole process group.</summary>
    public void Kill()
    {
        try
        {
            NativeProcess.KillGroup(Process.Id);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }
}
