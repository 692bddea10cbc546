namespace Wright.Core.Localization;

/// <summary>
/// The language of Wright's interface, English or Simplified Chinese. Chosen once per process (<see cref="Choose"/>):
/// <c>WRIGHT_LANG</c>; else the messages locale (<c>LC_ALL</c>, <c>LC_MESSAGES</c>, <c>LANG</c>, first set wins)
/// when it is <c>zh_*</c>; else <c>language</c> in the user config; else English. Each string table is a static
/// class per language (no resource assemblies: NativeAOT keeps them as plain constants).
/// </summary>
public static class UiLanguage
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    private static readonly AsyncLocal<string?> Override = new();
    private static string current = English;

    /// <summary>The language in use: a test's <see cref="Use"/> scope, else the process's choice.</summary>
    public static string Current => Override.Value ?? current;

    public static bool IsChinese => Current == Chinese;

    /// <summary>English unless the interface is Chinese.</summary>
    public static string Pick(string english, string chinese) => IsChinese ? chinese : english;

    /// <summary>Sets the process's language.</summary>
    public static void Set(string language) => current = Normalize(language) ?? English;

    /// <summary>For tests: the language for this async flow only, until disposed.</summary>
    public static IDisposable Use(string language)
    {
        var previous = Override.Value;
        Override.Value = Normalize(language) ?? English;
        return new Restore(previous);
    }

    /// <summary>
    /// Decides the language from the environment and, when neither <c>WRIGHT_LANG</c> nor a Chinese locale decides,
    /// from <paramref name="configLanguage"/> (read only then).
    /// </summary>
    public static string Choose(Func<string, string?> environment, Func<string?> configLanguage)
    {
        if (Normalize(environment("WRIGHT_LANG")) is { } chosen)
            return chosen;
        var locale = new[] { "LC_ALL", "LC_MESSAGES", "LANG" }.Select(environment).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            return Chinese;
        return Normalize(configLanguage()) ?? English;
    }

    /// <summary><c>zh</c>, <c>zh-CN</c>, <c>zh_CN.UTF-8</c>… → zh-CN; <c>en*</c>, <c>C</c>, <c>POSIX</c> → en; else null.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var v = value.Trim();
        if (v.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            return Chinese;
        if (v.StartsWith("en", StringComparison.OrdinalIgnoreCase) || v is "C" or "POSIX" || v.StartsWith("C.", StringComparison.Ordinal))
            return English;
        return null;
    }

    /// <summary>The language's name for the model, in English (the system prompt is English).</summary>
    public static string NameForModel(string language) => language == Chinese ? "Simplified Chinese (zh-CN)" : "English";

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}
