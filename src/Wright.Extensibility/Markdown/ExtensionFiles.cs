using Wright.Tools.Files;

namespace Wright.Extensibility.Markdown;

/// <summary>
/// How the host reads the files that define skills, subagents and custom commands. A project's folders
/// (<c>.claude/skills</c>, <c>.wright/agents</c>, …) belong to the repository, which may be hostile: a committed link
/// <c>.claude/agents/helper.md → ../../../.netrc</c> would otherwise put a secret into a subagent's system prompt (sent
/// to the provider), and a FIFO would hang the start. So project files are read as the file tools read them: links only
/// while they stay beneath the project, never blocking, regular files only, at most <see cref="MaxBytes"/>. A folder
/// whose real place is outside the project is not scanned at all. The user's own folders (<c>$WRIGHT_HOME/…</c>) may
/// link anywhere (dotfiles), but are read with the same file rules.
/// </summary>
public static class ExtensionFiles
{
    /// <summary>The largest definition file read.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The text of a definition file, or null when it cannot be read safely (then it is skipped).</summary>
    /// <param name="file">The file.</param>
    /// <param name="owner">The project (links must stay beneath it), or null for the user's own folders.</param>
    public static string? Read(string file, string? owner) => WorkspaceFs.ReadText(file, owner ?? "/", MaxBytes);

    /// <summary>Whether a folder exists and may be scanned: for a project folder, its real place is inside the project.</summary>
    public static bool CanScan(string folder, string? owner)
    {
        if (!Directory.Exists(folder))
            return false;
        if (owner is null)
            return true;
        try
        {
            using var handle = WorkspaceFs.OpenDirectory(folder, owner);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
