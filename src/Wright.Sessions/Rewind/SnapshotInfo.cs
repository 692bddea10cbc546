namespace Wright.Sessions.Rewind;

/// <summary>
/// One workspace snapshot. Snapshots of a workspace form one chain (each one's <see cref="ParentId"/> is the one
/// taken before it, whatever the session). A turn snapshot has <see cref="SessionId"/> and <see cref="Turn"/>; a
/// safety snapshot taken before a restore has <see cref="RestoreOf"/> (the snapshot being restored) instead.
/// <see cref="FilesChanged"/> counts paths added, modified or deleted since the parent (all files for the first).
/// <see cref="Skipped"/> lists files left out (too large, or unreadable).
/// </summary>
public sealed record SnapshotInfo(
    string Id,
    string? ParentId,
    string? SessionId,
    int Turn,
    DateTimeOffset Time,
    int FilesChanged,
    IReadOnlyList<SkippedFile> Skipped,
    string? RestoreOf = null);
