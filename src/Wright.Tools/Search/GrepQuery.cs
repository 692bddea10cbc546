using System.Text.RegularExpressions;

namespace Wright.Tools.Search;

/// <summary>One grep call as <see cref="FileSearcher"/> needs it.</summary>
/// <param name="LineRegex">The pattern as given, matched against one line (or, in multiline mode, the whole text).</param>
/// <param name="TextRegex">The same with Multiline, for scanning whole texts; null when not line-safe.</param>
/// <param name="Literals">Literals every match contains (<see cref="RequiredLiterals"/>), if any.</param>
/// <param name="Multiline">Whether matches may span lines.</param>
/// <param name="FirstOnly">Files mode: the first matching line settles a file.</param>
/// <param name="ContextLines">Content mode: lines of context; null in the other modes.</param>
/// <param name="Show">How a path is shown in the output.</param>
/// <param name="HeadLimit">Output lines shown at most: no file renders more (further lines are only counted).</param>
/// <param name="ByteSearch">Whether UTF-8 and Latin-1 files may be searched as bytes when the literals allow it.</param>
/// <param name="LiteralOnly">The pattern is its one literal: a line holding it matches, without the regex.</param>
internal sealed record GrepQuery(Regex LineRegex, Regex? TextRegex, LiteralSet? Literals, bool Multiline, bool FirstOnly, int? ContextLines, Func<string, string> Show, int HeadLimit,
    bool ByteSearch = true, bool LiteralOnly = false)
{
    /// <summary>
    /// Whether files that are not UTF-16 are searched as raw bytes (see <see cref="FileSearcher"/>): line mode, with
    /// required literals that can be found in bytes.
    /// </summary>
    public bool SearchesBytes { get; } = ByteSearch && !Multiline && Literals is { SearchesBytes: true };
}
