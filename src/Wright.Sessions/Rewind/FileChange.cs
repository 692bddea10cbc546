namespace Wright.Sessions.Rewind;

/// <summary>One path that restoring a snapshot changes; <see cref="Path"/> is relative to the workspace, with '/'.</summary>
public sealed record FileChange(string Path, FileChangeKind Kind);
