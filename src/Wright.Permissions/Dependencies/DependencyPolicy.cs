using System.Text.Json;
using Wright.Permissions.Dependencies.Registries;
using Wright.Permissions.Dependencies.Text;

namespace Wright.Permissions.Dependencies;

/// <summary>
/// The <c>dependencies</c> section of the configuration: thresholds, an allowlist, private packages (with their
/// registries), the registries' addresses, the cache's lifetime and the requests' deadline.
/// <para>
/// What an untrusted project config may do (a cloned repository must not loosen a permission): raise thresholds (never
/// lower them) and declare private packages — whose names are then never sent to a public registry, but which are
/// never allowed unchecked either: a person is asked. Its allowlist, private registries' addresses, registry
/// addresses, cache and deadline settings and <c>enabled: false</c> are ignored with a warning until the user trusts
/// that exact file (<c>wright trust</c>). The user's config and a trusted project's may set everything.
/// </para>
/// </summary>
public sealed class DependencyPolicy
{
    private readonly List<PackagePattern> _allowed = [];
    private readonly List<(PackagePattern Pattern, string? Registry, bool Trusted)> _private = [];

    /// <summary>Whether the check runs at all (only a trusted config may turn it off).</summary>
    public bool Enabled { get; private set; } = true;

    /// <summary>The config file that turned the check off, if one did.</summary>
    public string? DisabledBy { get; private set; }

    /// <summary>A package first published fewer days ago than this is new (asks).</summary>
    public int MinAgeDays { get; private set; } = 30;

    /// <summary>Fewer downloads in the last week than this is tiny (asks), where the registry counts weekly downloads.</summary>
    public long MinWeeklyDownloads { get; private set; } = 100;

    /// <summary>Fewer downloads in all than this is tiny (asks), where only totals are known.</summary>
    public long MinTotalDownloads { get; private set; } = 1000;

    /// <summary>A near-twin of a popular name with at least this many downloads a week is a package of its own (no ask).</summary>
    public long EstablishedWeeklyDownloads { get; private set; } = 10_000;

    /// <summary>Where the registries are.</summary>
    public RegistryEndpoints Endpoints { get; } = new();

    /// <summary>How long answers about established packages are cached.</summary>
    public TimeSpan CacheFor { get; private set; } = TimeSpan.FromHours(24);

    /// <summary>How long one registry request may take.</summary>
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>The user's config file (named in messages that say how to allow a package).</summary>
    public string UserConfig { get; set; } = "config.json";

    /// <summary>The allowlist entry that covers a package, or null.</summary>
    public PackagePattern? Allowing(Ecosystem ecosystem, string name) => _allowed.FirstOrDefault(p => p.Matches(ecosystem, name));

    /// <summary>
    /// The private declaration that covers a package (with the registry to ask, and whether a trusted config made it),
    /// or null. Trusted declarations come first.
    /// </summary>
    public (PackagePattern Pattern, string? Registry, bool Trusted)? Private(Ecosystem ecosystem, string name)
    {
        foreach (var entry in _private.OrderByDescending(p => p.Trusted))
        {
            if (entry.Pattern.Matches(ecosystem, name))
                return entry;
        }

        return null;
    }

    /// <summary>Whether an index address is the registry of a trusted private declaration (installs from it need no ask).</summary>
    public bool IsTrustedRegistry(string address) =>
        _private.Any(p => p.Trusted && p.Registry is { } registry && address.TrimEnd('/').StartsWith(registry, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Applies one config file's <c>dependencies</c> object (<paramref name="trusted"/>: the user's or a trusted
    /// project's); warnings (parts ignored) go to <paramref name="warnings"/>; a malformed value throws
    /// <see cref="FormatException"/> with the file and key.
    /// </summary>
    public void Apply(JsonElement section, string source, bool trusted, ICollection<string> warnings, DependencyText? text = null)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        text ??= DependencyText.English;
        if (section.ValueKind != JsonValueKind.Object)
            throw new FormatException(text.BadSetting(source, "", text.MustBeNames));
        void Loosens(string key) => warnings.Add(text.UntrustedLoosens(key, source));

        foreach (var property in section.EnumerateObject())
        {
            var key = property.Name;
            var value = property.Value;
            switch (key)
            {
                case "enabled":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                        throw new FormatException(text.BadSetting(source, key, text.MustBeBoolean));
                    if (trusted)
                    {
                        Enabled = value.GetBoolean();
                        DisabledBy = Enabled ? null : source;
                    }
                    else if (!value.GetBoolean())
                    {
                        Loosens(key);
                    }

                    break;
                case "min_age_days":
                    MinAgeDays = (int)Threshold(MinAgeDays, value, key, source, trusted, text, warnings);
                    break;
                case "min_weekly_downloads":
                    MinWeeklyDownloads = Threshold(MinWeeklyDownloads, value, key, source, trusted, text, warnings);
                    break;
                case "min_total_downloads":
                    MinTotalDownloads = Threshold(MinTotalDownloads, value, key, source, trusted, text, warnings);
                    break;
                case "established_weekly_downloads":
                    EstablishedWeeklyDownloads = Threshold(EstablishedWeeklyDownloads, value, key, source, trusted, text, warnings);
                    break;
                case "allow":
                    var allowed = Patterns(value, key, source, text);
                    if (trusted)
                        _allowed.AddRange(allowed);
                    else if (allowed.Count > 0)
                        Loosens(key);
                    break;
                case "private":
                    Private(value, source, trusted, text, warnings);
                    break;
                case "registries":
                    if (value.ValueKind != JsonValueKind.Object)
                        throw new FormatException(text.BadSetting(source, key, text.MustBeAddress));
                    foreach (var registry in value.EnumerateObject())
                    {
                        var address = Address(registry.Value, $"{key}.{registry.Name}", source, text);
                        if (!trusted)
                        {
                            Loosens($"{key}.{registry.Name}");
                            continue;
                        }

                        if (!Endpoints.Set(registry.Name, address))
                            throw new FormatException(text.BadSetting(source, key, text.UnknownRegistry(registry.Name)));
                    }

                    break;
                case "cache_hours" or "timeout_seconds":
                    var number = Number(value, key, source, text);
                    if (!trusted)
                        Loosens(key);
                    else if (key == "cache_hours")
                        CacheFor = TimeSpan.FromHours(number);
                    else
                        Timeout = TimeSpan.FromSeconds(Math.Max(1, number));
                    break;
                default:
                    throw new FormatException(text.BadSetting(source, key, text.UnknownSetting));
            }
        }
    }

    private void Private(JsonElement value, string source, bool trusted, DependencyText text, ICollection<string> warnings)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new FormatException(text.BadSetting(source, "private", text.MustBeNames));
        foreach (var entry in value.EnumerateArray())
        {
            string? name;
            string? registry = null;
            if (entry.ValueKind == JsonValueKind.String)
            {
                name = entry.GetString();
            }
            else if (entry.ValueKind == JsonValueKind.Object)
            {
                name = entry.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.String ? packages.GetString() : null;
                if (entry.TryGetProperty("registry", out var address))
                    registry = Address(address, "private.registry", source, text);
            }
            else
            {
                throw new FormatException(text.BadSetting(source, "private", text.MustBeNames));
            }

            var pattern = name is null ? null : PackagePattern.Parse(name, source);
            if (pattern is null)
                throw new FormatException(text.BadSetting(source, "private", text.MustBeNames));
            if (!trusted && registry is not null)
            {
                Loosens();
                registry = null;
            }

            _private.Add((pattern, registry, trusted));
        }

        void Loosens() => warnings.Add(text.UntrustedLoosens("private.registry", source));
    }

    private static List<PackagePattern> Patterns(JsonElement value, string key, string source, DependencyText text)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new FormatException(text.BadSetting(source, key, text.MustBeNames));
        var patterns = new List<PackagePattern>();
        foreach (var entry in value.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.String || PackagePattern.Parse(entry.GetString()!, source) is not { } pattern)
                throw new FormatException(text.BadSetting(source, key, text.MustBeNames));
            patterns.Add(pattern);
        }

        return patterns;
    }

    /// <summary>A threshold: an untrusted config may only raise it.</summary>
    private static long Threshold(long current, JsonElement value, string key, string source, bool trusted, DependencyText text, ICollection<string> warnings)
    {
        var number = Number(value, key, source, text);
        if (trusted || number >= current)
            return number;
        warnings.Add(text.UntrustedLoosens(key, source));
        return current;
    }

    private static long Number(JsonElement value, string key, string source, DependencyText text) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0 && number <= int.MaxValue
            ? number
            : throw new FormatException(text.BadSetting(source, key, text.MustBeNumber));

    private static string Address(JsonElement value, string key, string source, DependencyText text) =>
        value.ValueKind == JsonValueKind.String && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? value.GetString()!.TrimEnd('/')
            : throw new FormatException(text.BadSetting(source, key, text.MustBeAddress));
}
