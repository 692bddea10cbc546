namespace Wright.Tasks.Git;

/// <summary>
/// The outcome of applying an attempt: <paramref name="Applied"/> false with <paramref name="Conflicts"/> when a merge
/// would conflict (nothing was changed); <paramref name="Commit"/> the merge commit or pushed head;
/// <paramref name="Patch"/> the exported patch.
/// </summary>
public sealed record ApplyResult(bool Applied, string Method, string? Into, string? Commit, string? Patch, IReadOnlyList<string> Conflicts, string Message);
