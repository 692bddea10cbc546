namespace Wright.Tools.Search;

/// <summary>What <see cref="FileSearcher"/> found in one file: matched line numbers (0-based) and, in content mode, the lines to show.</summary>
internal sealed record FileMatches(List<int> Lines, List<(int Line, string Text, bool Match)>? Shown);
