namespace Wright.Core.Tools;

/// <summary>A file a tool call would change: its absolute path, its text now (null: absent) and after (null: deleted).</summary>
public sealed record PlannedFileChange(string Path, string? Before, string? After);
