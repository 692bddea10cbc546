using Wright.Sandbox;
using Wright.Tools.Shell;

namespace Wright.Runtime.Sandboxing;

/// <summary>
/// The session's sandbox: whether bubblewrap works here, and the launcher that wraps the model's commands in it,
/// made on first use (so a session started in yolo can leave it without a restart) and disposed with the session.
/// A host may supply its own launcher instead (<see cref="SessionRequest.CommandLauncher"/>, e.g. a container): it
/// is then used in every mode, yolo included, and the host disposes it.
/// </summary>
internal sealed class SandboxSwitch(bool available, string reason, Func<BubblewrapLauncher> create, ICommandLauncher? hostLauncher = null) : IDisposable
{
    private readonly Lock _gate = new();
    private BubblewrapLauncher? _launcher;

    /// <summary>Whether bubblewrap works here.</summary>
    public bool Available => available || hostLauncher is not null;

    /// <summary>The host supplied the launcher: commands run through it whatever the mode.</summary>
    public bool HostSupplied => hostLauncher is not null;

    /// <summary>Why not, when it does not.</summary>
    public string Reason => reason;

    /// <summary>The sandbox's launcher, or null where there is no sandbox.</summary>
    public ICommandLauncher? Launcher
    {
        get
        {
            if (hostLauncher is not null)
                return hostLauncher;
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
