using Wright.Sandbox;
using Wright.Tools.Shell;

namespace Wright.Runtime.Sandboxing;

/// <summary>
/// The session's sandbox: whether bubblewrap works here, and the launcher that wraps the model's commands in it,
/// made on first use (so a session started in yolo can leave it without a restart) and disposed with the session.
/// </summary>
internal sealed class SandboxSwitch(bool available, string reason, Func<BubblewrapLauncher> create) : IDisposable
{
    private readonly Lock _gate = new();
    private BubblewrapLauncher? _launcher;

    /// <summary>Whether bubblewrap works here.</summary>
    public bool Available => available;

    /// <summary>Why not, when it does not.</summary>
    public string Reason => reason;

    /// <summary>The sandbox's launcher, or null where there is no sandbox.</summary>
    public ICommandLauncher? Launcher
    {
        get
        {
            if (!available)
                return null;
            lock (_gate)
                return _launcher ??= create();
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _launcher?.Dispose();
    }
}
