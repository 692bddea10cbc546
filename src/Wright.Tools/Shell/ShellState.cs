using System.Collections.Concurrent;

namespace Wright.Tools.Shell;

/// <summary>Per-session shell state: the working directory (a <c>cd</c> sticks) and background jobs.</summary>
public sealed class ShellState
{
    private int _nextJob;

    /// <summary>Where the next command starts; null = the workspace.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Background jobs by handle.</summary>
    public ConcurrentDictionary<string, BackgroundJob> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>A new job handle.</summary>
    public string NextHandle() => "bg" + Interlocked.Increment(ref _nextJob);
}
