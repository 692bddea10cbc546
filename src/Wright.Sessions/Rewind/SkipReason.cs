namespace Wright.Sessions.Rewind;

/// <summary>Why a path was left out of a snapshot or left alone by a restore.</summary>
public enum SkipReason
{
    /// <summary>The file is larger than <see cref="WorkspaceSnapshotOptions.MaxFileBytes"/>; it is not snapshotted,
    /// and a restore neither reverts nor deletes it.</summary>
    TooLarge,

    /// <summary>The file could not be read (permissions); it is not snapshotted, and a restore neither reverts nor
    /// deletes it.</summary>
    Unreadable,

    /// <summary>The snapshot's version of this path was not restored: writing it would have overwritten or removed
    /// something the safety snapshot does not hold (an ignored or too-large file or symlink at the path or at one of
    /// its parent directories, or a directory with such content), so the restore left that as it is.</summary>
    InTheWay,
}
