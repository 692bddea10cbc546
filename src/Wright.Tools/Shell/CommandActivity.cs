namespace Wright.Tools.Shell;

/// <summary>
/// Whether a command Wright started may be running in a workspace, and a lease that keeps new ones from starting
/// there. An editor reached over a protocol reads and writes files by path and follows links; a sandboxed command
/// could swap a folder of the workspace for a link in the moment between Wright's check of that path and the editor's
/// open of it. So file tools use the editor (<see cref="Files.IEditorFiles"/>) only under a
/// <see cref="TryQuiet">quiet lease</see>: granted only when no command of this process runs in the workspace, or in
/// one inside or around it (no foreground command, no background job whose process or process group lives), and while
/// it is held a new command there waits (<see cref="BeginCommandAsync"/>). Otherwise the file tools work on the disk,
/// through held descriptors, as always. Sessions of one process share this (two editor threads on one project).
/// </summary>
public static class CommandActivity
{
    private static readonly Lock Gate = new();
    private static readonly List<string> Commands = [];
    private static readonly List<string> Quiet = [];
    private static TaskCompletionSource _quietEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// A lease during which no command starts in <paramref name="workspace"/> (or a folder inside or around it), or
    /// null when one is running there now (foreground, or a background job that has not ended). Dispose it when the
    /// editor has answered.
    /// </summary>
    public static IDisposable? TryQuiet(string workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        lock (Gate)
        {
            if (Commands.Exists(c => Overlap(c, workspace)) || BackgroundJob.AnyAlive(w => Overlap(w, workspace)))
                return null;
            Quiet.Add(workspace);
            return new Lease(() => EndQuiet(workspace));
        }
    }

    /// <summary>
    /// Marks a command as starting in <paramref name="workspace"/>: waits while a quiet lease there is held, then
    /// counts the command until the returned lease is disposed (a foreground command: when it and its process group
    /// are gone; a background job: once it is registered, from when on its process counts by itself).
    /// </summary>
    public static async Task<IDisposable> BeginCommandAsync(string workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        while (true)
        {
            Task wait;
            lock (Gate)
            {
                if (!Quiet.Exists(q => Overlap(q, workspace)))
                {
                    Commands.Add(workspace);
                    return new Lease(() => EndCommand(workspace));
                }

                wait = _quietEnded.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether one folder is the other or holds it (a command in either can reach files of the other).</summary>
    private static bool Overlap(string a, string b) => Under(a, b) || Under(b, a);

    private static bool Under(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static void EndQuiet(string workspace)
    {
        TaskCompletionSource ended;
        lock (Gate)
        {
            Quiet.Remove(workspace);
            ended = _quietEnded;
            _quietEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        ended.TrySetResult(); // waiting commands look again
    }

    private static void EndCommand(string workspace)
    {
        lock (Gate)
            Commands.Remove(workspace);
    }

    private sealed class Lease(Action end) : IDisposable
    {
        private Action? _end = end;

        public void Dispose() => Interlocked.Exchange(ref _end, null)?.Invoke();
    }
}
