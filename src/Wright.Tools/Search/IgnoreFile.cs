namespace Wright.Tools.Search;

/// <summary>The rules of one ignore file, anchored at its folder; the last matching rule wins.</summary>
public sealed class IgnoreFile(string baseDirectory, IReadOnlyList<IgnoreRule> rules)
{
    /// <summary>The folder the patterns are relative to.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    /// <summary>Reads a file; a missing file has no rules.</summary>
    public static IgnoreFile? Load(string path, string baseDirectory)
    {
        if (!File.Exists(path))
            return null;
        var rules = File.ReadAllLines(path).Select(l => IgnoreRule.Parse(l.TrimEnd('\r'))).OfType<IgnoreRule>().ToList();
        return rules.Count == 0 ? null : new IgnoreFile(baseDirectory, rules);
    }

    /// <summary>true = ignored, false = explicitly re-included, null = no rule matched.</summary>
    public bool? Decide(string fullPath, bool isDirectory)
    {
        var relative = Path.GetRelativePath(BaseDirectory, fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal))
            return null;
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            if (rules[i].Matches(relative, isDirectory))
                return !rules[i].Negated;
        }

        return null;
    }
}
