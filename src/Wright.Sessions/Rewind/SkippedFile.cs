namespace Wright.Sessions.Rewind;

/// <summary>A path a snapshot left out or a restore left alone. <see cref="Size"/> is in bytes (0 for a directory).</summary>
public sealed record SkippedFile(string Path, long Size, SkipReason Reason);
