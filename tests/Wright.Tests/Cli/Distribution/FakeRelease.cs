using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Wright.Tests.Support;

namespace Wright.Tests.Cli.Distribution;

/// <summary>
/// A release folder as scripts/release.sh lays it out (release.json, wright-ASSET.tar.gz, SHA256SUMS), whose "binary"
/// is a shell script that answers <c>--version</c> like Wright: enough to drive <c>wright update</c> end to end.
/// </summary>
public sealed class FakeRelease : IDisposable
{
    public FakeRelease(string version, string asset = "linux-x64", Action<TarWriter>? extraEntries = null, string? binaryVersion = null)
    {
        Folder = Directory.CreateTempSubdirectory("wright-release-").FullName;
        Version = version;
        TarballName = $"wright-{asset}.tar.gz";
        var tarball = Path.Combine(Folder, TarballName);
        using (var file = File.Create(tarball))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            extraEntries?.Invoke(tar);
            if (extraEntries is null)
            {
                AddFile(tar, $"wright-{version}-{asset}/wright", Script(binaryVersion ?? version), executable: true);
                AddFile(tar, $"wright-{version}-{asset}/README.md", "# Wright\n", executable: false);
            }
        }

        Sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tarball)));
        WriteManifest(Sha256);
        File.WriteAllText(Path.Combine(Folder, "SHA256SUMS"), $"{Sha256}  {TarballName}\n");
        Server = new StaticFileServer(Folder);
    }

    public string Folder { get; }

    public string Version { get; }

    public string TarballName { get; }

    public string Sha256 { get; }

    public StaticFileServer Server { get; }

    public string Url => Server.Url;

    /// <summary>What a Wright binary of <paramref name="version"/> prints for --version.</summary>
    public static string Script(string version) =>
        $"#!/bin/sh\necho \"{version} (commit fakefakefake, built 2026-01-01T00:00:00Z)\"\n";

    public static void AddFile(TarWriter tar, string name, string content, bool executable)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        };
        tar.WriteEntry(entry);
    }

    /// <summary>Rewrites release.json, e.g. with a wrong checksum or another file name.</summary>
    public void WriteManifest(string sha256, string? file = null, string? version = null, string asset = "linux-x64")
    {
        var size = new FileInfo(Path.Combine(Folder, TarballName)).Length;
        File.WriteAllText(Path.Combine(Folder, "release.json"),
            $"{{\"version\": \"{version ?? Version}\", \"commit\": \"fakefakefake\", \"date\": \"2026-01-01T00:00:00Z\", " +
            $"\"assets\": {{\"{asset}\": {{\"file\": \"{file ?? TarballName}\", \"sha256\": \"{sha256}\", \"size\": {size}}}}}}}");
    }

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
