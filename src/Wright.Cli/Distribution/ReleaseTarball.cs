using System.Formats.Tar;
using System.IO.Compression;

namespace Wright.Cli.Distribution;

/// <summary>
/// Takes the binary out of a release tarball (<c>wright-VERSION-ASSET/wright</c>, beside README.md and LICENSE). The
/// tarball is checked against the release's SHA-256 first, but is still read as untrusted: only one regular file named
/// <c>wright</c> at most one folder deep is accepted; links, devices and oversized entries are refused.
/// </summary>
internal static class ReleaseTarball
{
    public const long MaxBinaryBytes = 512L * 1024 * 1024;

    /// <summary>Writes the binary to <paramref name="destination"/> (created, never overwritten) with mode 0755.</summary>
    /// <exception cref="InvalidDataException">The tarball holds no acceptable binary.</exception>
    public static async Task ExtractBinaryAsync(string tarball, string destination, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(tarball);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        var found = false;
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var parts = entry.Name.Replace('\\', '/').Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || parts[^1] != "wright")
                continue;
            if (parts.Any(p => p is "." or ".."))
                throw new InvalidDataException($"entry '{entry.Name}' climbs out of the archive");
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                throw new InvalidDataException($"'{entry.Name}' is a {entry.EntryType}, not a regular file");
            if (found)
                throw new InvalidDataException("it holds more than one 'wright'");
            if (entry.Length is <= 0 or > MaxBinaryBytes)
                throw new InvalidDataException($"'{entry.Name}' has an implausible size ({entry.Length} bytes)");
            // O_EXCL: never through a link, never over a file.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            await using (var output = new FileStream(destination, options))
            {
                await entry.DataStream!.CopyToAsync(output, cancellationToken);
                output.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            found = true;
        }

        if (!found)
            throw new InvalidDataException("it holds no 'wright' binary");
    }
}
