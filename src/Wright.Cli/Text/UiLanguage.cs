namespace Wright.Cli.Text;

/// <summary>
/// The language of the interface: Chinese (zh-CN) when <c>WRIGHT_LANG</c>, else the first set of <c>LC_ALL</c>,
/// <c>LC_MESSAGES</c>, <c>LANG</c>, starts with <c>zh</c>; English otherwise. Read once per process.
/// </summary>
internal static class UiLanguage
{
    private static bool? _chinese;

    public static bool Chinese => _chinese ??= IsChinese(Environment.GetEnvironmentVariable);

    /// <summary>Picks the string of the interface's language.</summary>
    public static string Pick(string english, string chinese) => Chinese ? chinese : english;

    public static bool IsChinese(Func<string, string?> environment)
    {
        foreach (var name in new[] { "WRIGHT_LANG", "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            if (environment(name) is { Length: > 0 } value)
                return value.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
