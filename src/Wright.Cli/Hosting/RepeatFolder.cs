using System.Globalization;

namespace Wright.Cli.Hosting;

/// <summary>
/// Folds consecutive repeats of one notice (a retry for the same reason, the same error) into one line with a count,
/// "… (×3)", so a provider that fails ten times in a row does not fill the screen with ten identical lines.
/// </summary>
internal sealed class RepeatFolder
{
    private string? _key;

    /// <summary>How many times in a row the current notice has been seen.</summary>
    public int Count { get; private set; }

    /// <summary>Records a notice; returns how many times in a row it has now been seen (1: a new notice).</summary>
    public int Add(string key)
    {
        if (string.Equals(key, _key, StringComparison.Ordinal))
            return ++Count;
        _key = key;
        return Count = 1;
    }

    /// <summary>Something else was shown: the next notice starts a new line.</summary>
    public void Reset()
    {
        _key = null;
        Count = 0;
    }

    /// <summary><paramref name="line"/> with the repeat count, when there is more than one.</summary>
    public static string WithCount(string line, int count) =>
        count > 1 ? line + string.Create(CultureInfo.InvariantCulture, $" (×{count})") : line;
}
