using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Providers;
using Wright.Providers.Catalog;
using Wright.Providers.Local;

namespace Wright.Runtime.Configuration;

/// <summary>
/// What the first-run setup needs and saves (hosts only draw it): whether a session has no model to use, the
/// providers to offer (local servers that answer first, then those with a key, then the rest), the models of one, and
/// the choices — a key stored in <see cref="StoredKeys"/> or the name of a variable that holds it, and the model in
/// <c>$WRIGHT_HOME/config.json</c>.
/// </summary>
public static class FirstRunSetup
{
    /// <summary>
    /// True when nothing names a model: not <paramref name="requested"/>, not <c>WRIGHT_MODEL</c>, not the user's or
    /// the workspace's config. A config that cannot be read is not a first run (starting the session reports it).
    /// </summary>
    public static bool IsNeeded(string? requested, string workspace, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(requested) || !string.IsNullOrWhiteSpace(environment("WRIGHT_MODEL")))
            return false;
        try
        {
            return string.IsNullOrWhiteSpace(ConfigLoader.Load(WrightHome.Resolve(environment), workspace).Model);
        }
        catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The providers to offer, local servers that answered first (with their models), then those with a key, then the rest.</summary>
    public static async Task<IReadOnlyList<SetupProvider>> ProvidersAsync(Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var home = WrightHome.Resolve(environment);
        var keyed = ProviderKeys.Present(environment, home, new Dictionary<string, ProviderOverride>()).Select(k => k.Provider).ToHashSet(StringComparer.Ordinal);
        var local = new List<SetupProvider>();
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) })
        {
            foreach (var id in new[] { "ollama", "lmstudio" })
            {
                var models = await LocalProviderProbe.ModelsAsync(http, id, environment, cancellationToken);
                if (models.Count > 0)
                    local.Add(new SetupProvider(id, null, true, true, models));
            }
        }

        var rest = ProviderPresets.All.Values
            .Where(p => p.RequiresKey)
            .Select(p => new SetupProvider(p.Id, p.KeyVariables[0], keyed.Contains(p.Id), false, CatalogModels(p.Id)))
            .OrderBy(p => p.HasKey ? 0 : 1)
            .ThenBy(p => Popularity(p.Id))
            .ThenBy(p => p.Id, StringComparer.Ordinal);
        return [.. local, .. rest];
    }

    /// <summary>The catalog's models (names without the provider) that <paramref name="provider"/> serves.</summary>
    public static IReadOnlyList<string> CatalogModels(string provider) =>
        [.. ModelCatalog.AllSpecs.Where(s => s.StartsWith(provider + "/", StringComparison.Ordinal)).Select(s => s[(provider.Length + 1)..])];

    /// <summary>Stores <paramref name="key"/> for <paramref name="provider"/> (as its first key variable) in <c>$WRIGHT_HOME</c>, mode 0600.</summary>
    public static string StoreKey(Func<string, string?> environment, string provider, string key)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var preset = ProviderPresets.All.TryGetValue(provider, out var p) ? p : throw new ConfigException("unknown provider " + provider);
        var home = WrightHome.Resolve(environment);
        StoredKeys.Save(home, preset.KeyVariables[0], key);
        return StoredKeys.PathOf(home);
    }

    /// <summary>Points <paramref name="provider"/> at the key in <paramref name="variable"/> (<c>providers.ID.api_key_env</c> in the user's config).</summary>
    public static string UseKeyVariable(Func<string, string?> environment, string provider, string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable.Length == 0 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(variable[0]))
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Text.Strings.SetupBadVariable, variable));
        return Update(environment, root =>
        {
            var providers = root["providers"] as JsonObject ?? new JsonObject();
            root["providers"] = providers;
            var entry = providers[provider] as JsonObject ?? new JsonObject();
            providers[provider] = entry;
            entry["api_key_env"] = variable;
        });
    }

    /// <summary>Makes <paramref name="spec"/> the model of every session (<c>model</c> in the user's config); returns the file.</summary>
    public static string SaveModel(Func<string, string?> environment, string spec)
    {
        if (!ModelSpec.TryParse(spec, out _, out var error))
            throw new ConfigException(error);
        return Update(environment, root => root["model"] = spec);
    }

    /// <summary>Changes the user's config.json (<see cref="ConfigFileEditor"/>; a new one is private, 0600); returns the file.</summary>
    private static string Update(Func<string, string?> environment, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("file modes need a Unix system");
        var file = Path.Combine(WrightHome.Resolve(environment), ConfigLoader.FileName);
        ConfigFileEditor.Update(file, change, ConfigFileEditor.PrivateMode);
        return file;
    }

    /// <summary>The order of the better-known vendors in the list (the rest follow by name).</summary>
    private static int Popularity(string id) => id switch
    {
        "anthropic" => 0,
        "openai" => 1,
        "deepseek" => 2,
        "gemini" => 3,
        "qwen" => 4,
        "moonshot" => 5,
        "zhipu" => 6,
        "openrouter" => 7,
        _ => 20,
    };
}
