using System.Globalization;
using Semver;
using Wright.Cli.Hosting;
using Wright.Cli.Text;

namespace Wright.Cli.Distribution;

/// <summary>
/// <c>wright update</c>: reads <c>release.json</c> from the release URL, and when it names a newer version asks (or
/// takes <c>--yes</c>), downloads this build's asset, verifies its SHA-256, checks that the new binary runs as that
/// version, keeps the current binary beside it (<c>.wright.previous</c>) and renames the new one into place, so the
/// binary is always either the old or the new one. Nothing happens silently: every step is printed.
/// </summary>
/// <param name="http">Fetches the manifest and the asset.</param>
/// <param name="output">Progress and results.</param>
/// <param name="error">Errors.</param>
/// <param name="ask">Asks a yes/no question; null when nobody can be asked (no terminal).</param>
/// <param name="currentVersion">This binary's version (<see cref="BuildInfo.Version"/>).</param>
/// <param name="asset">This binary's release asset (<see cref="BuildInfo.Asset"/>).</param>
internal sealed class Updater(HttpClient http, TextWriter output, TextWriter error, Func<string, bool?> ask, string currentVersion, string asset)
{
    /// <summary><c>wright update</c> or <c>wright update --check</c>.</summary>
    public async Task<int> UpdateAsync(UpdateSettings settings, InstallLocation? location, bool checkOnly, bool yes, CancellationToken cancellationToken)
    {
        if (settings.DisabledBy is { } disabledBy)
            return Fail(ExitCodes.Usage, Strings.UpdateDisabled, disabledBy);
        if (settings.Error is { } settingsError)
        {
            error.WriteLine(Strings.ErrorPrefix + settingsError);
            return ExitCodes.Usage;
        }

        var manifestUrl = new Uri(settings.Url!, "release.json");
        output.WriteLine(Format(Strings.UpdateChecking, manifestUrl));
        var (release, problem) = await ReleaseFeed.FetchAsync(http, manifestUrl, asset, TimeSpan.FromSeconds(30), cancellationToken);
        if (release is null)
            return Fail(ExitCodes.Error, problem!);
        if (!SemVersion.TryParse(currentVersion, SemVersionStyles.Strict, out var current) || release.Version.ComparePrecedenceTo(current) <= 0)
        {
            output.WriteLine(Format(Strings.UpdateUpToDate, currentVersion, release.Version));
            return ExitCodes.Success;
        }

        if (checkOnly)
        {
            output.WriteLine(Format(Strings.UpdateAvailable, release.Version, currentVersion));
            return ExitCodes.Success;
        }

        if (location is null)
            return Fail(ExitCodes.Error, Strings.UpdateUnknownBinary);
        if (location.ManagedBy is { } manager)
            return Fail(ExitCodes.Usage, Strings.UpdateManaged, location.Binary, manager, location.UpdateCommand!);
        if (release.Asset is null)
            return Fail(ExitCodes.Error, Strings.UpdateNoAsset, release.Version, asset);

        output.WriteLine(Format(Strings.UpdateAvailable, release.Version, currentVersion));
        switch (yes ? true : ask(Format(Strings.UpdateConfirm, currentVersion, location.Binary, release.Version)))
        {
            case null:
                return Fail(ExitCodes.Usage, Strings.UpdateNeedsConfirmation);
            case false:
                output.WriteLine(Strings.UpdateDeclined);
                return ExitCodes.Error;
        }

        return await InstallAsync(release, new Uri(settings.Url!, release.Asset.File), location, cancellationToken);
    }

    /// <summary><c>wright update --rollback</c>: swaps the binary with the one the last update kept.</summary>
    public async Task<int> RollbackAsync(InstallLocation? location, bool yes, CancellationToken cancellationToken)
    {
        if (location is null)
            return Fail(ExitCodes.Error, Strings.UpdateUnknownBinary);
        if (location.ManagedBy is { } manager)
            return Fail(ExitCodes.Usage, Strings.UpdateManaged, location.Binary, manager, location.UpdateCommand!);
        var previous = new FileInfo(location.Previous);
        if (!previous.Exists || previous.LinkTarget is not null)
            return Fail(ExitCodes.Error, Strings.RollbackNothing, location.Previous);
        var (previousVersion, said) = await BinaryVersion.ReadAsync(previous.FullName, cancellationToken);
        if (previousVersion is null)
            return Fail(ExitCodes.Error, Strings.RollbackBroken, previous.FullName, said);
        switch (yes ? true : ask(Format(Strings.RollbackConfirm, previousVersion, location.Binary, currentVersion)))
        {
            case null:
                return Fail(ExitCodes.Usage, Strings.UpdateNeedsConfirmation);
            case false:
                output.WriteLine(Strings.UpdateDeclined);
                return ExitCodes.Error;
        }

        var directory = Path.GetDirectoryName(location.Binary)!;
        var keep = TemporaryName(directory, "");
        try
        {
            File.Copy(location.Binary, keep);
            File.Move(previous.FullName, location.Binary, overwrite: true);   // rename(2): atomic
            File.Move(keep, location.Previous, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(keep);
            return Fail(ExitCodes.Error, Strings.UpdateCannotWrite, location.Binary, ex.Message);
        }

        output.WriteLine(Format(Strings.RollbackDone, currentVersion, previousVersion, location.Binary, location.Previous));
        return ExitCodes.Success;
    }

    private async Task<int> InstallAsync(PublishedRelease release, Uri assetUrl, InstallLocation location, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(location.Binary)!;
        string download = TemporaryName(directory, ".tar.gz"), binary = TemporaryName(directory, ""), keep = TemporaryName(directory, "");
        try
        {
            output.WriteLine(Format(Strings.UpdateDownloading, assetUrl));
            string actual;
            try
            {
                actual = await DownloadAsync(assetUrl, download, release.Asset!.Size, cancellationToken);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || (ex is IOException && !File.Exists(download)))
            {
                return Fail(ExitCodes.Error, Strings.UpdateCannotWrite, location.Binary, ex.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return Fail(ExitCodes.Error, Strings.UpdateDownloadFailed, assetUrl, ex.Message);
            }

            if (!string.Equals(actual, release.Asset.Sha256, StringComparison.OrdinalIgnoreCase))
                return Fail(ExitCodes.Error, Strings.UpdateChecksumMismatch, release.Asset.File!, release.Asset.Sha256!, actual);
            output.WriteLine(Format(Strings.UpdateChecksumOk, actual));
            try
            {
                await ReleaseTarball.ExtractBinaryAsync(download, binary, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
            {
                return Fail(ExitCodes.Error, Strings.UpdateBadTarball, release.Asset.File!, ex.Message);
            }

            var (newVersion, said) = await BinaryVersion.ReadAsync(binary, cancellationToken);
            if (newVersion != release.VersionText)
                return Fail(ExitCodes.Error, Strings.UpdateNewBinaryFailed, release.VersionText, said);
            try
            {
                File.Copy(location.Binary, keep);
                File.Move(keep, location.Previous, overwrite: true);
                File.Move(binary, location.Binary, overwrite: true);   // rename(2): atomic
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Fail(ExitCodes.Error, Strings.UpdateCannotWrite, location.Binary, ex.Message);
            }

            output.WriteLine(Format(Strings.UpdateInstalled, currentVersion, release.VersionText, location.Binary, location.Previous));
            return ExitCodes.Success;
        }
        finally
        {
            TryDelete(download);
            TryDelete(binary);
            TryDelete(keep);
        }
    }

    /// <summary>Downloads to <paramref name="destination"/> (created, never overwritten) and returns its SHA-256.</summary>
    private async Task<string> DownloadAsync(Uri url, string destination, long expectedSize, CancellationToken cancellationToken)
    {
        var limit = expectedSize > 0 ? expectedSize : ReleaseTarball.MaxBinaryBytes;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(10));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new FileStream(destination, options);
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, deadline.Token)) > 0)
        {
            total += read;
            if (total > limit)
                throw new InvalidDataException($"it is larger than the {limit} bytes the release names");
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), deadline.Token);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private int Fail(int code, string format, params object[] arguments)
    {
        error.WriteLine(Strings.ErrorPrefix + (arguments.Length == 0 ? format : Format(format, arguments)));
        return code;
    }

    private static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);

    private static string TemporaryName(string directory, string suffix) =>
        Path.Combine(directory, $".wright-update-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}{suffix}");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort: a leftover temporary file is named .wright-update-*
        }
    }

}
