using Wright.Tools.Files;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Reads a project's own settings files (<c>.wright/config.json</c>, <c>.wright/mcp.json</c>, command files): they
/// belong to the repository, which may be hostile, so they are read as the file tools read workspace files — links
/// only while they stay beneath the project (the folder holding <c>.wright</c> or <c>.claude</c>), never blocking,
/// regular files only, at most 1 MB. One read serves both the trust check (the hash) and the parse, so what was
/// trusted is what applies.
/// </summary>
internal static class ProjectFiles
{
    private const int MaxBytes = 1024 * 1024;

    /// <summary>The file's bytes, or null when it cannot be read that way (missing, a FIFO, a link leading out, too large).</summary>
    public static byte[]? Read(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            using var handle = WorkspaceFs.OpenRead(full, Owner(full), out var stat, out _);
            if (stat.Size > MaxBytes)
                return null;
            return WorkspaceFs.ReadAll(handle, stat.Size, MaxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The project a settings file belongs to: the parent of its nearest <c>.wright</c> or <c>.claude</c> folder.</summary>
    private static string Owner(string full)
    {
        for (var dir = Path.GetDirectoryName(full); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Path.GetFileName(dir) is ".wright" or ".claude")
                return Path.GetDirectoryName(dir) ?? "/";
        }

        return Path.GetDirectoryName(full) ?? "/";
    }
}
