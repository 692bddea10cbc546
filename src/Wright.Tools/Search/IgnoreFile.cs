using Wright.Tools.Files;

namespace Wright.Tools.Search;

/// <summary>The rules of one ignore file, anchored at its folder; the last matching rule wins.</summary>
public sealed class IgnoreFile(string baseDirectory, IReadOnlyList<IgnoreRule> rules)
{
    /// <summary>The folder the patterns are relative to.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    private const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// Reads a file by path; a missing file has no rules. The file itself is not read through a link (git does not
    /// follow an in-tree ignore file that is a link either) and never with blocking semantics.
    /// </summary>
    public static IgnoreFile? Load(string path, string baseDirectory, bool followLink = false) =>
        Parse(WorkspaceFs.ReadSmallFile(path, MaxBytes, followLink), baseDirectory);

    /// <summary>Reads an ignore file of a held folder (not through a link, never blocking).</summary>
    public static IgnoreFile? Load(DirectoryHandle folder, string name)
    {
        try
        {
            return Parse(folder.ReadAll(name, MaxBytes, out _), folder.FullPath);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IgnoreFile? Parse(byte[]? bytes, string baseDirectory)
    {
        if (bytes is null)
            return null;
        var rules = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n').Select(l => IgnoreRule.Parse(l.TrimEnd('\r'))).OfType<IgnoreRule>().ToList();
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
