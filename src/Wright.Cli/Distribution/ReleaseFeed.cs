using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Semver;
using Wright.Cli.Text;

namespace Wright.Cli.Distribution;

/// <summary>Reads a release's <c>release.json</c> and picks this build's asset from it.</summary>
internal static partial class ReleaseFeed
{
    private const long MaxManifestBytes = 1024 * 1024;

    /// <summary>The release, or null with a one-line problem.</summary>
    public static async Task<(PublishedRelease? Release, string? Problem)> FetchAsync(HttpClient http, Uri url, string asset, TimeSpan timeout, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > MaxManifestBytes)
                    return (null, Format(Strings.UpdateBadManifest, url, "larger than 1 MB"));
                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, Format(Strings.UpdateFetchFailed, url, ex is TaskCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : ex.Message));
        }

        ReleaseManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, DistributionJsonContext.Default.ReleaseManifest);
        }
        catch (JsonException ex)
        {
            return (null, Format(Strings.UpdateBadManifest, url, ex.Message));
        }

        if (manifest?.Version is not { } text || !SemVersion.TryParse(text, SemVersionStyles.Strict, out var version))
            return (null, Format(Strings.UpdateBadManifest, url, "\"version\" is not a SemVer version"));
        ReleaseAsset? mine = null;
        if (manifest.Assets is not null && manifest.Assets.TryGetValue(asset, out var candidate))
        {
            // The asset must be a plain file beside release.json, with a SHA-256: the manifest cannot send us elsewhere.
            if (candidate.File is null || !FileName().IsMatch(candidate.File) || candidate.Sha256 is null || !Sha256().IsMatch(candidate.Sha256))
                return (null, Format(Strings.UpdateBadManifest, url, $"asset \"{asset}\" needs a plain \"file\" name and a 64-digit \"sha256\""));
            mine = candidate;
        }

        return (new PublishedRelease(text, version, mine), null);
    }

    private static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex FileName();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256();
}
