using System.Diagnostics;
using Wright.Tests.Support;

namespace Wright.Tests.Release;

/// <summary>
/// The release the "release" test group checks: scripts/release.sh run once per test run into dist/.release-test,
/// with a fixed stamp (version 0.9.0-test, commit testbuild000, 2026-01-01) so that its build cache
/// (dist/.release-cache) is reused until the sources change. Cross-compiling three NativeAOT binaries takes minutes,
/// which is why ./test.sh runs this group beside the others. A failed build fails every test of the group with the
/// end of its log; nothing is skipped.
/// </summary>
public sealed class ReleaseBuild
{
    public const string Version = "0.9.0-test";
    public const string Commit = "testbuild000";
    public const string Date = "2026-01-01T00:00:00Z";
    public const string Group = "release";

    private static readonly Lazy<Task<ReleaseBuild>> Once = new(BuildAsync);

    private ReleaseBuild(string folder) => Folder = folder;

    /// <summary>dist/.release-test: what release.sh wrote.</summary>
    public string Folder { get; }

    public static string[] Assets { get; } = ["linux-x64", "linux-arm64", "linux-x64-static"];

    public static Task<ReleaseBuild> GetAsync() => Once.Value;

    public string Tarball(string asset) => Path.Combine(Folder, $"wright-{asset}.tar.gz");

    /// <summary>The binary of an asset, from the build cache the tarballs were made of.</summary>
    public static string Binary(string asset) => Path.Combine(NodePackages.RepoRoot, "dist", ".release-cache", asset, "wright");

    private static async Task<ReleaseBuild> BuildAsync()
    {
        var root = NodePackages.RepoRoot;
        var folder = Path.Combine(root, "dist", ".release-test");
        var log = Path.Combine(root, "dist", ".release-test.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo(Path.Combine(root, "scripts", "release.sh"))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "--out", folder })
            start.ArgumentList.Add(a);
        start.Environment["WRIGHT_VERSION"] = Version;
        start.Environment["WRIGHT_COMMIT"] = Commit;
        start.Environment["WRIGHT_BUILD_DATE"] = Date;
        start.Environment["SOURCE_DATE_EPOCH"] = "1767225600";
        start.Environment.Remove("WRIGHT_RELEASE_URL");
        using var process = Process.Start(start)!;
        await using var writer = new StreamWriter(log) { AutoFlush = true };
        var pump = Task.WhenAll(Pump(process.StandardOutput, writer), Pump(process.StandardError, writer));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(80));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"scripts/release.sh did not finish within 80 minutes; see {log}");
        }

        await pump;
        if (process.ExitCode != 0)
        {
            var tail = string.Join('\n', File.ReadLines(log).TakeLast(40));
            throw new InvalidOperationException($"scripts/release.sh failed (exit {process.ExitCode}); the end of {log}:\n{tail}");
        }

        return new ReleaseBuild(folder);
    }

    private static async Task Pump(StreamReader reader, StreamWriter writer)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (writer)
                writer.WriteLine(line);
        }
    }
}
