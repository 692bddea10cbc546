namespace Wright.Permissions.Shell;

/// <summary>
/// One simple command of a shell line: its words after quote removal, the environment assignments before it and
/// its redirections. <see cref="Dynamic"/> marks words whose value depends on expansion at run time.
/// </summary>
public sealed record SimpleCommand(
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Assignments,
    IReadOnlyList<Redirection> Redirections,
    IReadOnlyList<bool> Dynamic)
{
    /// <summary>
    /// Per word: whether it starts with an unquoted glob (<c>*</c>, <c>?</c>, <c>[…]</c>), so bash may replace it with
    /// file names that begin with a dash — a file named <c>--output=x</c> becomes an option.
    /// </summary>
    public IReadOnlyList<bool> LeadingGlobs { get; init; } = [];

    /// <summary>The program name, or empty for a bare assignment or redirection.</summary>
    public string Program => Words.Count > 0 ? Words[0] : "";

    /// <summary>The normalised text shown to the user and matched by rules: words joined by single spaces.</summary>
    public string Normalized => string.Join(' ', Words.Select((w, i) => i < Dynamic.Count && Dynamic[i] ? w : Quote(w)));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@%+,*?".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
