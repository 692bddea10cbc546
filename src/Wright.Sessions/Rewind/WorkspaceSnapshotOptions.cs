namespace Wright.Sessions.Rewind;

/// <summary>Settings of <see cref="WorkspaceSnapshots"/>.</summary>
public sealed class WorkspaceSnapshotOptions
{
    /// <summary>Files larger than this many bytes are left out of snapshots (and reported). Default 10 MB.</summary>
    public long MaxFileBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>The git executable: a name looked up on PATH or a full path. Default <c>git</c>.</summary>
    public string Git { get; init; } = "git";

    /// <summary>How long to wait for another process that is snapshotting the same workspace. Default 2 minutes.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
