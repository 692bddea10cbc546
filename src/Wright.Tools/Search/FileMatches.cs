namespace Wright.Tools.Search;

/// <summary>
/// What <see cref="FileSearcher"/> found in one file: how many lines matched and, in content mode, the rendered block
/// (one '\n'-terminated output line each) and its line count.
/// </summary>
internal sealed record FileMatches(int Count, string? Block, int BlockLines);
