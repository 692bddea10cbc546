using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Wright.Tests.Release;

/// <summary>What scripts/release.sh writes: tarballs, manifest, sums, SBOM, installer, packages.</summary>
[Trait("Group", ReleaseBuild.Group)]
public sealed class ReleaseArtifactTests
{
    [Fact]
    public async Task Every_file_is_in_sha256sums_and_matches()
    {
        var release = await ReleaseBuild.GetAsync();
        var lines = File.ReadAllLines(Path.Combine(release.Folder, "SHA256SUMS"));
        var listed = lines.Select(l => l.Split("  ", 2)).ToDictionary(p => p[1], p => p[0]);
        var files = Directory.GetFiles(release.Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(release.Folder, f)).Where(f => f != "SHA256SUMS").Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(files, listed.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach (var file in files)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(release.Folder, file)))), listed[file]);
        Assert.Contains("wright-linux-x64.tar.gz", listed.Keys);
        Assert.Contains("npm/wright-agent-wright-0.9.0-test.tgz", listed.Keys);
        Assert.Contains("nuget/wright.linux-arm64.0.9.0-test.nupkg", listed.Keys);
    }

    [Fact]
    public async Task Each_tarball_holds_the_binary_the_readme_and_the_licence()
    {
        var release = await ReleaseBuild.GetAsync();
        foreach (var asset in ReleaseBuild.Assets)
        {
            var entries = new List<(string Name, UnixFileMode Mode, long Length)>();
            await using (var gzip = new GZipStream(File.OpenRead(release.Tarball(asset)), CompressionMode.Decompress))
            await using (var tar = new TarReader(gzip))
            {
                while (await tar.GetNextEntryAsync() is { } entry)
                    entries.Add((entry.Name.TrimEnd('/'), entry.Mode, entry.Length));
            }

            var top = $"wright-{ReleaseBuild.Version}-{asset}";
            Assert.Equal([top, $"{top}/LICENSE", $"{top}/README.md", $"{top}/wright"], entries.Select(e => e.Name).Order(StringComparer.Ordinal));
            var binary = entries.Single(e => e.Name.EndsWith("/wright", StringComparison.Ordinal));
            Assert.Equal((UnixFileMode)0b111_101_101, binary.Mode);
            Assert.True(binary.Length > 10_000_000, $"{asset}: {binary.Length} bytes");
            Assert.Equal(File.ReadAllBytes(ReleaseBuild.Binary(asset)).Length, binary.Length);
        }
    }

    [Fact]
    public async Task The_manifest_names_each_asset_with_its_checksum()
    {
        var release = await ReleaseBuild.GetAsync();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(release.Folder, "release.json")));
        var root = manifest.RootElement;

        Assert.Equal(ReleaseBuild.Version, root.GetProperty("version").GetString());
        Assert.Equal(ReleaseBuild.Commit, root.GetProperty("commit").GetString());
        Assert.Equal(ReleaseBuild.Date, root.GetProperty("date").GetString());
        foreach (var asset in ReleaseBuild.Assets)
        {
            var entry = root.GetProperty("assets").GetProperty(asset);
            var bytes = File.ReadAllBytes(release.Tarball(asset));
            Assert.Equal($"wright-{asset}.tar.gz", entry.GetProperty("file").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.GetProperty("sha256").GetString());
            Assert.Equal(bytes.Length, entry.GetProperty("size").GetInt64());
        }
    }

    [Fact]
    public async Task The_sbom_is_cyclonedx_and_lists_the_nuget_dependencies()
    {
        var release = await ReleaseBuild.GetAsync();
        using var sbom = JsonDocument.Parse(File.ReadAllText(Path.Combine(release.Folder, "wright.cdx.json")));
        var root = sbom.RootElement;
        var components = root.GetProperty("components").EnumerateArray()
            .Select(c => (Name: c.GetProperty("name").GetString()!, Purl: c.GetProperty("purl").GetString()!)).ToList();

        Assert.Equal("CycloneDX", root.GetProperty("bomFormat").GetString());
        Assert.Equal("wright", root.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
        Assert.Equal(ReleaseBuild.Version, root.GetProperty("metadata").GetProperty("component").GetProperty("version").GetString());
        foreach (var package in new[] { "System.CommandLine", "Microsoft.Data.Sqlite", "Microsoft.Extensions.AI", "ModelContextProtocol", "Semver" })
            Assert.Contains(components, c => c.Name == package && c.Purl.StartsWith($"pkg:nuget/{package}@", StringComparison.Ordinal));
        Assert.DoesNotContain(components, c => c.Name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_linux_x64_binary_needs_only_glibc_and_runs_a_turn()
    {
        var binary = ReleaseBuild.Binary("linux-x64");
        await ReleaseBuild.GetAsync();
        var (interpreter, needed, machine) = await ProgramRun.ElfAsync(binary);
        var version = await ProgramRun.RunAsync(binary, ["--version"]);
        var turn = await OneShot.RunAsync(binary, []);
        var symbols = await ProgramRun.RunAsync("/usr/bin/objdump", ["-T", binary]);
        var newestGlibc = System.Text.RegularExpressions.Regex.Matches(symbols.Stdout, @"GLIBC_2\.(\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Max();

        Assert.Equal("/lib64/ld-linux-x86-64.so.2", interpreter);
        Assert.Contains("X86-64", machine);
        Assert.All(needed, n => Assert.Contains(n, new[] { "libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2" }));
        Assert.Equal($"{ReleaseBuild.Version} (commit {ReleaseBuild.Commit}, built {ReleaseBuild.Date})", version.Stdout.Trim());
        Assert.True(newestGlibc <= 34, $"needs GLIBC_2.{newestGlibc}; the README promises 2.34");
        Assert.True(turn.ExitCode == 0, turn.ToString());
        Assert.Equal("hi from aimock", turn.Stdout.Trim());
    }
}
