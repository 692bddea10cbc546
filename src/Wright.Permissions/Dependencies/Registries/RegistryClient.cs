using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Wright.Permissions.Dependencies.Text;

namespace Wright.Permissions.Dependencies.Registries;

/// <summary>
/// Asks the registries about packages through Wright's own HTTP client (its proxy settings, its connection pool), one
/// bounded request at a time per package with a deadline, and keeps the answers in a cache under
/// <c>$WRIGHT_HOME/cache/packages</c>: established packages for <see cref="CacheFor"/>, missing or young ones for an hour
/// (a name can be registered, and a package grows up). A registry that does not answer is reported, never taken for
/// a yes, and never cached.
/// </summary>
public sealed partial class RegistryClient
{
    /// <summary>The most bytes read of one answer; larger package documents belong to long-established packages.</summary>
    private const int MaxBytes = 16 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly RegistryCache? _cache;
    private readonly TimeProvider _time;

    /// <summary>Creates the client; <paramref name="cacheDirectory"/> null keeps no cache.</summary>
    public RegistryClient(HttpClient http, RegistryEndpoints endpoints, string? cacheDirectory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoints);
        _http = http;
        Endpoints = endpoints;
        _time = time ?? TimeProvider.System;
        _cache = cacheDirectory is null ? null : new RegistryCache(cacheDirectory);
    }

    /// <summary>Where the registries are.</summary>
    public RegistryEndpoints Endpoints { get; }

    /// <summary>How long the facts of an established package are kept.</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The language of why a registry could not be reached.</summary>
    public DependencyText Text { get; init; } = DependencyText.English;

    /// <summary>
    /// What the registry of <paramref name="ecosystem"/> (at <paramref name="registry"/>, default its configured
    /// address) says about <paramref name="name"/>. <paramref name="cacheOnly"/>: send nothing, answer from the cache.
    /// </summary>
    public async Task<RegistryAnswer> LookupAsync(Ecosystem ecosystem, string name, bool cacheOnly, CancellationToken cancellationToken, string? registry = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var at = (registry ?? Endpoints.Of(ecosystem)).TrimEnd('/');
        var now = _time.GetUtcNow();
        if (_cache?.Read(ecosystem, at, name, now) is { } cached)
            return new RegistryAnswer(cached, null);
        if (cacheOnly)
            return new RegistryAnswer(null, null);
        try
        {
            var facts = await FetchAsync(ecosystem, at, name, registry is not null, cancellationToken);
            facts = facts with { FetchedAt = now };
            var young = facts.FirstPublished is { } first && now - first < TimeSpan.FromDays(60);
            _cache?.Write(ecosystem, at, name, facts, now + (!facts.Exists || young ? TimeSpan.FromHours(1) : CacheFor));
            return new RegistryAnswer(facts, null);
        }
        catch (RegistryUnreachableException ex)
        {
            return new RegistryAnswer(null, ex.Message);
        }
    }

    private Task<PackageFacts> FetchAsync(Ecosystem ecosystem, string at, string name, bool privateRegistry, CancellationToken ct) => ecosystem switch
    {
        Ecosystem.Npm => NpmAsync(at, privateRegistry ? null : Endpoints.NpmDownloads, name, ct),
        Ecosystem.PyPI => PyPIAsync(at, privateRegistry ? null : Endpoints.PyPIStats, name, ct),
        Ecosystem.Crates => CratesAsync(at, name, ct),
        Ecosystem.Go => GoAsync(at, name, ct),
        Ecosystem.NuGet => NuGetAsync(at, name, ct),
        Ecosystem.RubyGems => RubyGemsAsync(at, name, ct),
        _ => PackagistAsync(at, name, ct),
    };

    /// <summary>One GET: the body of a 200 (at most <see cref="MaxBytes"/>; <paramref name="truncated"/> past it), null for 404/410, else unreachable.</summary>
    private async Task<(byte[]? Body, bool Truncated)> GetAsync(string url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : url;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Wright-dependency-check", "1.0"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                return (null, false);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new RegistryUnreachableException(Text.HttpStatus(host, (int)response.StatusCode));
            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, deadline.Token);
                if (read == 0)
                    return (buffer.ToArray(), false);
                if (buffer.Length + read > MaxBytes)
                    return (null, true);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnreachableException(Text.NoAnswer(host, Timeout));
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryUnreachableException(Text.ConnectionFailed(host, ex.HttpRequestError, ex.InnerException?.Message ?? ex.Message), ex);
        }
        catch (IOException ex)
        {
            throw new RegistryUnreachableException(Text.ConnectionFailed(host, HttpRequestError.Unknown, ex.Message), ex);
        }
    }

    /// <summary>The body as JSON; a body that is not JSON means the address is not a registry.</summary>
    private JsonDocument Json(byte[] body, string url)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new RegistryUnreachableException(Text.NotJson(url), ex);
        }
    }

    /// <summary>A download count from a secondary service: null when it is missing or down (it never decides alone).</summary>
    private async Task<long?> CountAsync(string? url, Func<JsonElement, long?> read, CancellationToken ct)
    {
        if (url is null)
            return null;
        try
        {
            var (body, _) = await GetAsync(url, ct);
            if (body is null)
                return null;
            using var doc = Json(body, url);
            return read(doc.RootElement);
        }
        catch (RegistryUnreachableException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>Whether an address points at a source-code host (a repository link).</summary>
    private static bool IsRepository(string? url) =>
        url is { Length: > 0 } && (url.Contains("github.com", StringComparison.OrdinalIgnoreCase) || url.Contains("gitlab", StringComparison.OrdinalIgnoreCase)
            || url.Contains("bitbucket.org", StringComparison.OrdinalIgnoreCase) || url.Contains("codeberg.org", StringComparison.OrdinalIgnoreCase)
            || url.Contains("sr.ht", StringComparison.OrdinalIgnoreCase) || url.StartsWith("git+", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("git:", StringComparison.OrdinalIgnoreCase) || url.EndsWith(".git", StringComparison.OrdinalIgnoreCase));
}
