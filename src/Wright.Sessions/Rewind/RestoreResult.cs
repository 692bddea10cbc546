namespace Wright.Sessions.Rewind;

/// <summary>
/// The outcome of a restore. <see cref="SafetySnapshot"/> is the state just before the restore: restoring it undoes
/// the restore. <see cref="Changes"/> is what the restore did; <see cref="Skipped"/> lists paths it left alone
/// (too large to be in the safety snapshot, or in the way and not in the safety snapshot).
/// </summary>
public sealed record RestoreResult(
    string RestoredSnapshot,
    SnapshotInfo SafetySnapshot,
    IReadOnlyList<FileChange> Changes,
    IReadOnlyList<SkippedFile> Skipped);
