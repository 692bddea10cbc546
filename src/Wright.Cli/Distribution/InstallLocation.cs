namespace Wright.Cli.Distribution;

/// <summary>
/// Where the running binary is and who owns it: a package manager's copy (npm, a .NET tool) is updated by that
/// package manager, never replaced underneath it.
/// </summary>
internal sealed record InstallLocation(string Binary, string? ManagedBy, string? UpdateCommand)
{
    /// <summary>The previous binary kept by an update, beside the binary: <c>.wright.previous</c>.</summary>
    public string Previous => Path.Combine(Path.GetDirectoryName(Binary)!, "." + Path.GetFileName(Binary) + ".previous");

    /// <summary>The running binary (links resolved), or null when the process cannot tell.</summary>
    public static InstallLocation? Current() =>
        Environment.ProcessPath is { Length: > 0 } path ? Of(Wright.Runtime.WrightRuntime.Canonicalize(path) ?? path) : null;

    public static InstallLocation Of(string binary)
    {
        var normalized = binary.Replace('\\', '/');
        if (normalized.Contains("/node_modules/", StringComparison.Ordinal))
            return new InstallLocation(binary, "npm", "npm install -g @wright-agent/wright@latest");
        if (normalized.Contains("/.store/wright/", StringComparison.OrdinalIgnoreCase))
            return new InstallLocation(binary, "dotnet tool", "dotnet tool update -g wright");
        return new InstallLocation(binary, null, null);
    }
}
