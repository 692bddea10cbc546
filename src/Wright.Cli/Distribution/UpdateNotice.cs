using System.Globalization;
using System.Text.Json;
using Semver;
using Wright.Cli.Text;

namespace Wright.Cli.Distribution;

/// <summary>
/// The interactive session's one-line "a newer Wright is available" notice. It never updates anything and never
/// delays the start: it shows what the last check found (<c>$WRIGHT_HOME/update-check.json</c>) and, when that check
/// is over a day old, looks again in the background for the next start. Off with <c>WRIGHT_NO_UPDATE</c>, in CI,
/// with <c>"update": {"check": false}</c>, and in builds without a release URL (developer builds).
/// </summary>
internal static class UpdateNotice
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(24);

    /// <summary>The notice to show now, if any; starts the background check when one is due.</summary>
    public static string? Take(Func<string, string?> environment, string wrightHome, TimeProvider time)
    {
        var settings = UpdateSettings.Load(environment, wrightHome);
        if (settings.DisabledBy is not null || settings.Error is not null || !settings.CheckAtStart || settings.Url is null)
            return null;
        var stateFile = Path.Combine(wrightHome, "update-check.json");
        var state = Read(stateFile);
        if (state is null || time.GetUtcNow() - state.CheckedAt > Interval || state.CheckedAt > time.GetUtcNow())
            _ = Task.Run(() => RefreshAsync(settings.Url, stateFile, time));
        return state?.Latest is { } latest && IsNewer(latest, BuildInfo.Version)
            ? string.Format(CultureInfo.InvariantCulture, Strings.UpdateAvailable, latest, BuildInfo.Version)
            : null;
    }

    /// <summary>Looks at the release feed once and records what it found; failures are only recorded as a check.</summary>
    public static async Task RefreshAsync(Uri releaseUrl, string stateFile, TimeProvider time)
    {
        string? latest = null;
        try
        {
            using var http = Commands.UpdateCommand.Client();
            var (release, _) = await ReleaseFeed.FetchAsync(http, new Uri(releaseUrl, "release.json"), BuildInfo.Asset, TimeSpan.FromSeconds(5), CancellationToken.None);
            latest = release?.VersionText;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // offline: try again after the interval
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
            var temporary = stateFile + "." + Environment.ProcessId + ".tmp";
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new UpdateCheckState { CheckedAt = time.GetUtcNow(), Latest = latest ?? Read(stateFile)?.Latest },
                DistributionJsonContext.Default.UpdateCheckState));
            File.Move(temporary, stateFile, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the notice is a courtesy: a read-only home only means no notice
        }
    }

    private static UpdateCheckState? Read(string stateFile)
    {
        try
        {
            return File.Exists(stateFile) ? JsonSerializer.Deserialize(File.ReadAllText(stateFile), DistributionJsonContext.Default.UpdateCheckState) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static bool IsNewer(string candidate, string current) =>
        SemVersion.TryParse(candidate, SemVersionStyles.Strict, out var a) && SemVersion.TryParse(current, SemVersionStyles.Strict, out var b)
        && a.ComparePrecedenceTo(b) > 0;
}
