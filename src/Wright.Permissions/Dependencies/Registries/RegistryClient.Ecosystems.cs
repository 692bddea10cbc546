using System.Text;
using System.Text.Json;

namespace Wright.Permissions.Dependencies.Registries;

public sealed partial class RegistryClient
{
    /// <summary>
    /// npm: the package document (<c>time.created</c>, <c>repository</c>, <c>versions</c>; an unpublished package keeps
    /// only <c>time.unpublished</c>) and last week's downloads.
    /// </summary>
    private async Task<PackageFacts> NpmAsync(string at, string? downloads, string name, CancellationToken ct)
    {
        var escaped = name.StartsWith('@') ? "@" + Uri.EscapeDataString(name[1..]) : Uri.EscapeDataString(name);
        var url = $"{at}/{escaped}";
        var (body, truncated) = await GetAsync(url, ct);
        var weekly = await CountAsync(downloads is null ? null : $"{downloads}/downloads/point/last-week/{(name.StartsWith('@') ? name : Uri.EscapeDataString(name))}",
            root => Long(root, "downloads"), ct);
        if (truncated)
            return new PackageFacts(true) { WeeklyDownloads = weekly };
        if (body is null)
            return PackageFacts.Missing(_time.GetUtcNow());
        using var doc = Json(body, url);
        var root = doc.RootElement;
        var versions = root.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Object ? v.EnumerateObject().Count() : 0;
        var time = root.TryGetProperty("time", out var t) ? t : default;
        if (versions == 0 && time.ValueKind == JsonValueKind.Object && time.TryGetProperty("unpublished", out _))
            return PackageFacts.Missing(_time.GetUtcNow());
        var repository = root.TryGetProperty("repository", out var r) ? r.ValueKind == JsonValueKind.String ? r.GetString() : Str(r, "url") : null;
        return new PackageFacts(true)
        {
            FirstPublished = Date(Str(time, "created")),
            WeeklyDownloads = weekly,
            HasRepository = IsRepository(repository),
            Versions = versions,
        };
    }

    /// <summary>PyPI: the project's JSON (first upload of any release, project URLs) and pypistats' last week.</summary>
    private async Task<PackageFacts> PyPIAsync(string at, string? stats, string name, CancellationToken ct)
    {
        var normalized = PackageNames.Normalize(Ecosystem.PyPI, name);
        var url = $"{at}/pypi/{Uri.EscapeDataString(normalized)}/json";
        var (body, truncated) = await GetAsync(url, ct);
        var weekly = await CountAsync(stats is null ? null : $"{stats}/api/packages/{Uri.EscapeDataString(normalized)}/recent",
            root => root.TryGetProperty("data", out var data) ? Long(data, "last_week") : null, ct);
        if (truncated)
            return new PackageFacts(true) { WeeklyDownloads = weekly };
        if (body is null)
            return PackageFacts.Missing(_time.GetUtcNow());
        using var doc = Json(body, url);
        var root = doc.RootElement;
        var info = root.TryGetProperty("info", out var i) ? i : default;
        var urls = new List<string?> { Str(info, "home_page") };
        if (info.ValueKind == JsonValueKind.Object && info.TryGetProperty("project_urls", out var projectUrls) && projectUrls.ValueKind == JsonValueKind.Object)
            urls.AddRange(projectUrls.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null));
        DateTimeOffset? first = null;
        var versions = 0;
        if (root.TryGetProperty("releases", out var releases) && releases.ValueKind == JsonValueKind.Object)
        {
            foreach (var release in releases.EnumerateObject())
            {
                versions++;
                if (release.Value.ValueKind != JsonValueKind.Array)
                    continue;
                foreach (var file in release.Value.EnumerateArray())
                {
                    if (Date(Str(file, "upload_time_iso_8601") ?? Str(file, "upload_time")) is { } uploaded && (first is null || uploaded < first))
                        first = uploaded;
                }
            }
        }

        return new PackageFacts(true) { FirstPublished = first, WeeklyDownloads = weekly, HasRepository = urls.Any(IsRepository), Versions = versions };
    }

    /// <summary>crates.io: created_at, downloads (all time and the last 90 days, scaled to a week), repository.</summary>
    private Task<PackageFacts> CratesAsync(string at, string name, CancellationToken ct) =>
        DocumentAsync($"{at}/api/v1/crates/{Uri.EscapeDataString(name)}", "crate", (root, crate) => new PackageFacts(true)
        {
            FirstPublished = Date(Str(crate, "created_at")),
            WeeklyDownloads = Long(crate, "recent_downloads") is { } recent ? recent / 13 : null,
            TotalDownloads = Long(crate, "downloads"),
            HasRepository = IsRepository(Str(crate, "repository")),
            Versions = root.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Array ? v.GetArrayLength() : null,
        }, ct);

    /// <summary>
    /// A registry document whose <paramref name="property"/> object describes the package, read by <paramref name="read"/>
    /// (given the root and that object); missing when the registry says so or the object is absent.
    /// </summary>
    private async Task<PackageFacts> DocumentAsync(string url, string property, Func<JsonElement, JsonElement, PackageFacts> read, CancellationToken ct)
    {
        var (body, truncated) = await GetAsync(url, ct);
        if (truncated)
            return new PackageFacts(true);
        if (body is null)
            return PackageFacts.Missing(_time.GetUtcNow());
        using var doc = Json(body, url);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(property, out var item) && item.ValueKind == JsonValueKind.Object
            ? read(doc.RootElement, item)
            : PackageFacts.Missing(_time.GetUtcNow());
    }

    /// <summary>
    /// The Go module proxy: the module's version list (trying the package path, then the paths above it, since a
    /// package lives in a module), the first version's time; a module path names its repository.
    /// </summary>
    private async Task<PackageFacts> GoAsync(string at, string name, CancellationToken ct)
    {
        var elements = name.Split('/');
        for (var count = elements.Length; count >= Math.Min(2, elements.Length); count--)
        {
            var module = string.Join('/', elements.Take(count));
            var escaped = EscapeGoPath(module);
            var (body, truncated) = await GetAsync($"{at}/{escaped}/@v/list", ct);
            if (truncated)
                return new PackageFacts(true) { HasRepository = true };
            if (body is null)
                continue;
            var versions = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith('v')).ToList();
            var earliest = versions.OrderBy(v => v, SemverOrder.Instance).FirstOrDefault();
            var info = earliest is null ? $"{at}/{escaped}/@latest" : $"{at}/{escaped}/@v/{EscapeGoPath(earliest)}.info";
            var (infoBody, _) = await GetAsync(info, ct);
            if (infoBody is null && versions.Count == 0)
                continue;
            DateTimeOffset? first = null;
            if (infoBody is not null)
            {
                using var doc = Json(infoBody, info);
                first = Date(Str(doc.RootElement, "Time"));
            }

            return new PackageFacts(true) { FirstPublished = first, HasRepository = true, Versions = Math.Max(versions.Count, 1) };
        }

        return PackageFacts.Missing(_time.GetUtcNow());
    }

    /// <summary>Go's case encoding for module paths and versions in proxy requests: an upper-case letter becomes <c>!</c> and the lower case.</summary>
    internal static string EscapeGoPath(string path)
    {
        var builder = new StringBuilder(path.Length + 4);
        foreach (var c in path)
        {
            if (char.IsAsciiLetterUpper(c))
                builder.Append('!').Append(char.ToLowerInvariant(c));
            else
                builder.Append(c);
        }

        // The proxy protocol takes '!' literally; the guard only looks up names of letters, digits and - _ . ~ / + (see
        // DependencyGuard.IsPlausible), which need no further escaping.
        return builder.ToString();
    }

    /// <summary>NuGet's search service: the exact id, total downloads, project URL, versions (no publication date).</summary>
    private async Task<PackageFacts> NuGetAsync(string at, string name, CancellationToken ct)
    {
        var url = $"{at}/query?q=packageid:{Uri.EscapeDataString(name)}&prerelease=true&semVerLevel=2.0.0&take=5";
        var (body, _) = await GetAsync(url, ct);
        if (body is null)
            return PackageFacts.Missing(_time.GetUtcNow());
        using var doc = Json(body, url);
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new RegistryUnreachableException(Text.NotJson(url));
        foreach (var package in data.EnumerateArray())
        {
            if (!string.Equals(Str(package, "id"), name, StringComparison.OrdinalIgnoreCase))
                continue;
            return new PackageFacts(true)
            {
                TotalDownloads = Long(package, "totalDownloads"),
                HasRepository = IsRepository(Str(package, "projectUrl")) || Str(package, "projectUrl") is { Length: > 0 },
                Versions = package.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array ? versions.GetArrayLength() : null,
            };
        }

        return PackageFacts.Missing(_time.GetUtcNow());
    }

    /// <summary>rubygems.org: total downloads and source links, and the first version's date from the version list.</summary>
    private async Task<PackageFacts> RubyGemsAsync(string at, string name, CancellationToken ct)
    {
        var url = $"{at}/api/v1/gems/{Uri.EscapeDataString(name)}.json";
        var (body, _) = await GetAsync(url, ct);
        if (body is null)
            return PackageFacts.Missing(_time.GetUtcNow());
        long? downloads;
        bool repository;
        using (var doc = Json(body, url))
        {
            downloads = Long(doc.RootElement, "downloads");
            repository = IsRepository(Str(doc.RootElement, "source_code_uri")) || IsRepository(Str(doc.RootElement, "homepage_uri"));
        }

        DateTimeOffset? first = null;
        int? count = null;
        var versionsUrl = $"{at}/api/v1/versions/{Uri.EscapeDataString(name)}.json";
        try
        {
            var (versionsBody, _) = await GetAsync(versionsUrl, ct);
            if (versionsBody is not null)
            {
                using var versions = Json(versionsBody, versionsUrl);
                if (versions.RootElement.ValueKind == JsonValueKind.Array)
                {
                    count = versions.RootElement.GetArrayLength();
                    first = versions.RootElement.EnumerateArray().Select(v => Date(Str(v, "created_at"))).Where(d => d is not null).Min();
                }
            }
        }
        catch (RegistryUnreachableException)
        {
            // The age stays unknown; the downloads still tell.
        }

        return new PackageFacts(true) { FirstPublished = first, TotalDownloads = downloads, HasRepository = repository, Versions = count };
    }

    /// <summary>Packagist: creation time, repository, downloads (all time and this month, scaled to a week).</summary>
    private Task<PackageFacts> PackagistAsync(string at, string name, CancellationToken ct) =>
        DocumentAsync($"{at}/packages/{string.Join('/', name.Split('/').Select(Uri.EscapeDataString))}.json", "package", (_, package) =>
        {
            var downloads = package.TryGetProperty("downloads", out var d) ? d : default;
            return new PackageFacts(true)
            {
                FirstPublished = Date(Str(package, "time")),
                TotalDownloads = Long(downloads, "total"),
                WeeklyDownloads = Long(downloads, "monthly") is { } monthly ? monthly * 7 / 30 : null,
                HasRepository = IsRepository(Str(package, "repository")),
                Versions = package.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Object ? v.EnumerateObject().Count() : null,
            };
        }, ct);
}
