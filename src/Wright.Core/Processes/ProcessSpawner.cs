using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Wright.Core.Processes;

/// <summary>
/// Starts child processes from one dedicated thread that lives as long as Wright does. Linux sends a child its
/// parent-death signal (<c>PR_SET_PDEATHSIG</c>, which <c>bwrap --die-with-parent</c> sets) when the <em>thread</em>
/// that forked it exits, not when the process does; .NET forks from the calling thread, and the thread pool retires a
/// worker that has been idle for a while (20 s). A sandboxed command started from a pool thread would be killed
/// (SIGKILL, no output) whenever the pool shrinks while it runs: long builds and tests died at random. Every process
/// started with a parent-death signal goes through here.
/// </summary>
public static class ProcessSpawner
{
    private static readonly BlockingCollection<Request> Requests = StartThread();

    /// <summary>Starts <paramref name="process"/> on the spawner thread; throws what <see cref="Process.Start()"/> throws.</summary>
    public static void Start(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (Thread.CurrentThread.Name == ThreadName)
        {
            process.Start();
            return;
        }

        using var request = new Request(process);
        Requests.Add(request);
        request.Done.Wait();
        request.Error?.Throw();
    }

    /// <summary>Starts a process for <paramref name="startInfo"/> on the spawner thread.</summary>
    public static Process Start(ProcessStartInfo startInfo)
    {
        var process = new Process { StartInfo = startInfo };
        try
        {
            Start(process);
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    private const string ThreadName = "wright-process-spawner";

    private static BlockingCollection<Request> StartThread()
    {
        var requests = new BlockingCollection<Request>();
        var thread = new Thread(() =>
        {
            foreach (var request in requests.GetConsumingEnumerable())
            {
                try
                {
                    request.Process.Start();
                }
#pragma warning disable CA1031 // every failure goes back to the caller's thread
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    request.Error = ExceptionDispatchInfo.Capture(ex);
                }

                request.Done.Set();
            }
        })
        { IsBackground = true, Name = ThreadName };
        thread.Start();
        return requests;
    }

    private sealed class Request(Process process) : IDisposable
    {
        public Process Process { get; } = process;
        public ManualResetEventSlim Done { get; } = new();
        public ExceptionDispatchInfo? Error { get; set; }

        public void Dispose() => Done.Dispose();
    }
}
