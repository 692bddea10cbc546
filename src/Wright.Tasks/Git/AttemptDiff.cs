namespace Wright.Tasks.Git;

/// <summary>An attempt's changes against its base: the unified diff and per-file stats.</summary>
public sealed record AttemptDiff(string Base, string Head, string Diff, IReadOnlyList<FileStat> Files);
