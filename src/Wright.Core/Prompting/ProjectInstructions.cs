using System.Text;

namespace Wright.Core.Prompting;

/// <summary>
/// Collects instruction files: <c>$WRIGHT_HOME/AGENTS.md</c>, then <c>AGENTS.md</c> of every directory from the
/// repository root down to the working directory (nearer files come later, so they win). A directory without
/// AGENTS.md contributes its CLAUDE.md, GEMINI.md or .cursorrules instead (first found). The total is capped.
/// </summary>
public static class ProjectInstructions
{
    /// <summary>Names read per directory, in order of preference.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["AGENTS.md", "CLAUDE.md", "GEMINI.md", ".cursorrules"];

    /// <summary>Default cap on the combined size, in characters.</summary>
    public const int DefaultMaxChars = 32_000;

    /// <summary>The files that apply, outermost first.</summary>
    public static IReadOnlyList<string> Find(string workspace, string? wrightHome)
    {
        var files = new List<string>();
        if (wrightHome is not null && File.Exists(Path.Combine(wrightHome, "AGENTS.md")))
            files.Add(Path.Combine(wrightHome, "AGENTS.md"));

        var chain = new List<string>();
        for (var dir = new DirectoryInfo(workspace); dir is not null; dir = dir.Parent)
        {
            chain.Add(dir.FullName);
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
                break;
            if (dir.Parent is null)
            {
                // Not in a repository: only the workspace itself counts.
                chain = [workspace];
                break;
            }
        }

        chain.Reverse();
        foreach (var dir in chain)
        {
            var file = FileNames.Select(name => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
            if (file is not null)
                files.Add(file);
        }

        return files;
    }

    /// <summary>
    /// The combined text with a header per file, or null when there is none. <paramref name="read"/> reads one file
    /// (null: unreadable); hosts pass one that never blocks and never follows a link out of the workspace (a planted
    /// AGENTS.md that is a FIFO or a link to a key must neither hang the start nor reach the model).
    /// </summary>
    public static string? Load(string workspace, string? wrightHome, int maxChars = DefaultMaxChars, Func<string, string?>? read = null)
    {
        read ??= static path => File.ReadAllText(path);
        var text = new StringBuilder();
        foreach (var file in Find(workspace, wrightHome))
        {
            string content;
            try
            {
                content = read(file)?.Trim() ?? "";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (content.Length == 0)
                continue;
            var remaining = maxChars - text.Length;
            if (remaining <= 200)
                break;
            var shown = Path.GetRelativePath(workspace, file);
            text.Append("## ").Append(shown.StartsWith("..", StringComparison.Ordinal) ? file : shown).Append('\n');
            if (content.Length > remaining - 100)
                content = content[..(remaining - 100)] + "\n[… truncated: instruction files are capped]";
            text.Append(content).Append("\n\n");
        }

        return text.Length == 0 ? null : text.ToString().TrimEnd();
    }
}
