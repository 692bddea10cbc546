namespace Wright.Tasks.Git;

/// <summary>One file of a diff: lines added and removed (null for a binary file).</summary>
public sealed record FileStat(string Path, int? Added, int? Removed);
