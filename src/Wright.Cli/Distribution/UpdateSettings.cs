using System.Globalization;
using System.Net;
using System.Text.Json;
using Wright.Cli.Text;

namespace Wright.Cli.Distribution;

/// <summary>
/// Where releases come from and whether updates are on. Only the user's own settings count: <c>WRIGHT_UPDATE_URL</c>,
/// then <c>"update": {"url": …, "check": true}</c> in <c>$WRIGHT_HOME/config.json</c>, then the URL stamped into a
/// release build. A project's config is never read here, so a cloned repository cannot redirect an update.
/// Updates are off when <c>WRIGHT_NO_UPDATE</c> or <c>CI</c> is set.
/// </summary>
internal sealed record UpdateSettings(Uri? Url, string UrlSource, string? DisabledBy, bool CheckAtStart, string? Error)
{
    public static UpdateSettings Load(Func<string, string?> environment, string wrightHome)
    {
        var disabledBy = IsSet(environment("WRIGHT_NO_UPDATE")) ? "WRIGHT_NO_UPDATE" : IsSet(environment("CI")) ? "CI" : null;
        var configFile = Path.Combine(wrightHome, "config.json");
        string? configUrl = null;
        var check = true;
        try
        {
            if (File.Exists(configFile))
                (configUrl, check) = ReadConfig(File.ReadAllText(configFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            return new UpdateSettings(null, configFile, disabledBy, CheckAtStart: false,
                string.Format(CultureInfo.InvariantCulture, Strings.UpdateBadConfig, configFile, ex.Message));
        }

        var (url, source) = environment("WRIGHT_UPDATE_URL") is { Length: > 0 } fromEnv ? (fromEnv, "WRIGHT_UPDATE_URL")
            : configUrl is { Length: > 0 } ? (configUrl, configFile)
            : (BuildInfo.DefaultReleaseUrl, "this build");
        if (url is null)
            return new UpdateSettings(null, configFile, disabledBy, check,
                string.Format(CultureInfo.InvariantCulture, Strings.UpdateNoUrl, configFile));
        if (!TryReleaseUrl(url, out var uri))
            return new UpdateSettings(null, source, disabledBy, check,
                string.Format(CultureInfo.InvariantCulture, Strings.UpdateBadUrl, url, source));
        return new UpdateSettings(uri, source, disabledBy, check, null);
    }

    /// <summary>
    /// The release folder URL (ending in '/'): https, or http to a loopback address (a local mirror, the tests).
    /// </summary>
    public static bool TryReleaseUrl(string text, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var parsed))
            return false;
        var loopback = parsed.IsLoopback || (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (parsed.Scheme != Uri.UriSchemeHttps && !(parsed.Scheme == Uri.UriSchemeHttp && loopback))
            return false;
        if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
            return false;
        uri = parsed;
        return true;
    }

    private static bool IsSet(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim() is not ("0" or "false" or "False" or "FALSE" or "no");

    private static (string? Url, bool Check) ReadConfig(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("update", out var update))
            return (null, true);
        if (update.ValueKind != JsonValueKind.Object)
            throw new FormatException("\"update\" must be an object");
        string? url = null;
        var check = true;
        if (update.TryGetProperty("url", out var urlValue))
            url = urlValue.ValueKind == JsonValueKind.String ? urlValue.GetString() : throw new FormatException("\"update.url\" must be a string");
        if (update.TryGetProperty("check", out var checkValue))
            check = checkValue.ValueKind is JsonValueKind.True or JsonValueKind.False ? checkValue.GetBoolean() : throw new FormatException("\"update.check\" must be true or false");
        return (url, check);
    }
}
