namespace Wright.Sessions.Rewind;

/// <summary>Why a path was left out of a snapshot or left alone by a restore.</summary>
public enum SkipReason
{
    /// <summary>The file is larger than <see cref="WorkspaceSnapshotOptions.MaxFileBytes"/>; it is not snapshotted,
    /// and a restore neither reverts nor deletes it.</summary>
    TooLarge,

    /// <summary>Restoring would have overwritten or removed something the safety snapshot does not hold (an ignored
    /// or too-large file, or a directory with such files in it), so the restore left it as it is.</summary>
    InTheWay,
}
