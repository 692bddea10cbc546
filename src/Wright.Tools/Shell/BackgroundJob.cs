using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Wright.Tools.Shell;

/// <summary>
/// A long-running command started with <c>background: true</c>. Its output comes to Wright through a pipe and Wright
/// writes the log: the log lives in the session folder, which no command can see or write, so nothing a command does
/// can make Wright read, block on or create another file through it. The log keeps at most <c>maxBytes</c>; when
/// more arrives, the unread part is dropped and the next read says how much.
/// </summary>
public sealed class BackgroundJob
{
    private static readonly ConcurrentBag<BackgroundJob> All = [];
    private static readonly ConcurrentDictionary<BackgroundJob, bool> Live = new();
    private readonly Lock _gate = new();
    private readonly FileStream _log;
    private readonly long _maxBytes;
    private readonly CommandLaunch? _launch;
    private long _readOffset;
    private long _droppedBytes;

    static BackgroundJob()
    {
        // Background processes die with the session: when Wright exits, their process groups are killed.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var job in All)
                job.Kill();
        };
    }

    internal BackgroundJob(string handle, string command, Process process, string logPath, FileStream log, long maxBytes, CommandLaunch? launch, string workspace)
    {
        Handle = handle;
        Workspace = workspace;
        Command = command;
        Process = process;
        LogPath = logPath;
        _log = log;
        _maxBytes = Math.Max(64 * 1024, maxBytes);
        _launch = launch;
        All.Add(this);
        Live[this] = true;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _launch?.Dispose();
        if (process.HasExited)
            _launch?.Dispose();
        Pumps = Task.WhenAll(PumpAsync(process.StandardOutput.BaseStream), PumpAsync(process.StandardError.BaseStream));
    }

    /// <summary>The workspace of the session that started it (where a sandboxed job may write).</summary>
    public string Workspace { get; }

    /// <summary>The handle the model uses.</summary>
    public string Handle { get; }

    /// <summary>The command line.</summary>
    public string Command { get; }

    /// <summary>The process (its pid leads the process group).</summary>
    public Process Process { get; }

    /// <summary>The log file (written by Wright only).</summary>
    public string LogPath { get; }

    /// <summary>Whether it still runs.</summary>
    public bool Running => !Process.HasExited;

    /// <summary>Ends when the job's output is closed (it exited and its children closed the pipe too).</summary>
    public Task Pumps { get; }

    /// <summary>
    /// New output since the last read: all of it when it fits in <paramref name="maxChars"/>, else the newest
    /// <paramref name="maxChars"/> with a note of what was skipped (still in the log) or dropped (over the log's cap).
    /// </summary>
    public string ReadNew(int maxChars)
    {
        lock (_gate)
        {
            var notes = new StringBuilder();
            if (_droppedBytes > 0)
            {
                notes.Append(CultureInfo.InvariantCulture, $"[… {_droppedBytes:N0} bytes of output were dropped unread: the log keeps at most {_maxBytes / 1048576.0:0.#} MB]\n");
                _droppedBytes = 0;
            }

            var unread = _log.Length - _readOffset;
            if (unread > maxChars)
            {
                notes.Append(CultureInfo.InvariantCulture, $"[… {unread - maxChars:N0} earlier bytes skipped; the whole log is {LogPath}]\n");
                _readOffset = _log.Length - maxChars;
            }

            var buffer = new byte[Math.Max(0, _log.Length - _readOffset)];
            _log.Seek(_readOffset, SeekOrigin.Begin);
            _log.ReadExactly(buffer);
            _readOffset += buffer.Length;
            _log.Seek(0, SeekOrigin.End);
            var start = 0;
            while (notes.Length > 0 && start < buffer.Length && (buffer[start] & 0xC0) == 0x80)
                start++; // a skip may cut a character: start at the next one
            return notes + Encoding.UTF8.GetString(buffer, start, buffer.Length - start);
        }
    }

    /// <summary>
    /// Whether a background job of this process started in a workspace <paramref name="where"/> accepts may still
    /// run: its process has not exited, its output is still open, or its process group has members (a job's children
    /// outlive bash outside the sandbox).
    /// </summary>
    internal static bool AnyAlive(Func<string, bool> where)
    {
        var alive = false;
        foreach (var job in Live.Keys)
        {
            bool running;
            try
            {
                running = !job.Process.HasExited || !job.Pumps.IsCompleted || NativeProcess.GroupAlive(job.Process.Id);
            }
            catch (InvalidOperationException)
            {
                running = false; // never started, or disposed
            }

            if (running)
                alive |= where(job.Workspace);
            else
                Live.TryRemove(job, out _);
        }

        return alive;
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

    private async Task PumpAsync(Stream source)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                Append(buffer.AsSpan(0, read));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe broke: the job is gone.
        }
    }

    private void Append(ReadOnlySpan<byte> chunk)
    {
        lock (_gate)
        {
            if (_log.Length + chunk.Length > _maxBytes)
            {
                // Over the cap: what was not read yet goes (counted), and the log starts again.
                _droppedBytes += _log.Length - _readOffset;
                _log.SetLength(0);
                _readOffset = 0;
                if (chunk.Length > _maxBytes)
                {
                    _droppedBytes += chunk.Length - _maxBytes;
                    chunk = chunk[^(int)_maxBytes..];
                }
            }

            _log.Seek(0, SeekOrigin.End);
            _log.Write(chunk);
            _log.Flush();
        }
    }
}
