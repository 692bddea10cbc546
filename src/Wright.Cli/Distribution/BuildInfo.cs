using System.Reflection;
using System.Runtime.InteropServices;

namespace Wright.Cli.Distribution;

/// <summary>
/// What this binary is: its version, commit and build date (stamped by scripts/version.sh through wright.sh or
/// scripts/release.sh), and which release asset it came from, so that <c>wright update</c> fetches the same kind.
/// </summary>
internal static class BuildInfo
{
    private static readonly Assembly Self = typeof(BuildInfo).Assembly;

    /// <summary>The SemVer version, e.g. <c>0.2.0</c> or <c>0.2.1-dev.5</c>.</summary>
    public static string Version { get; } =
        Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The git commit it was built from (12 hex digits, "-dirty" when uncommitted changes went in), or "unknown".</summary>
    public static string Commit { get; } = Metadata("WrightCommit") ?? "unknown";

    /// <summary>When it was built, ISO 8601 UTC, or "unknown".</summary>
    public static string BuildDate { get; } = Metadata("WrightBuildDate") ?? "unknown";

    /// <summary>
    /// The release asset this build is (<c>linux-x64</c>, <c>linux-arm64</c>, <c>linux-x64-static</c>); defaults to
    /// the runtime identifier it was compiled for.
    /// </summary>
    public static string Asset { get; } = Metadata("WrightAsset") ?? RuntimeInformation.RuntimeIdentifier;

    /// <summary>Where releases are published (a folder URL holding release.json), unless config says otherwise.</summary>
    public static string? DefaultReleaseUrl { get; } = Metadata("WrightReleaseUrl");

    /// <summary>The line <c>wright --version</c> prints: <c>0.2.0 (commit 3f2a9c1d7e4b, built 2026-12-03T10:00:00Z)</c>.</summary>
    public static string VersionLine => $"{Version} (commit {Commit}, built {BuildDate})";

    private static string? Metadata(string key) =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value ? value : null;
}
