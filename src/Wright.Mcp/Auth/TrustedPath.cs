namespace Wright.Mcp.Auth;

/// <summary>Finds a program by name on PATH, taking only absolute directories (never ".", "" or a relative entry).</summary>
internal static class TrustedPath
{
    public static string? Find(string name, string? path)
    {
        if (OperatingSystem.IsWindows())
            return null;
        foreach (var dir in (path ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathFullyQualified(dir))
                continue;
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                return candidate;
        }

        return null;
    }
}
