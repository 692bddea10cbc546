namespace Wright.Sessions.Rewind;

/// <summary>How restoring a snapshot changes (or changed) one path of the workspace.</summary>
public enum FileChangeKind
{
    /// <summary>The path is in the snapshot but not in the workspace: restoring recreates it.</summary>
    Added,

    /// <summary>The path is in both with different content, mode or type: restoring reverts it.</summary>
    Modified,

    /// <summary>The path is in the workspace (and not ignored) but not in the snapshot: restoring deletes it.</summary>
    Deleted,
}
