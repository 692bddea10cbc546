namespace Wright.Providers;

/// <summary>
/// Resolves a model spec to an endpoint and key. Precedence for the base URL: <c>&lt;PROVIDER&gt;_BASE_URL</c> (and
/// conventional aliases), then config, then the preset default. Keys come from the configured variable, then
/// <c>&lt;PROVIDER&gt;_API_KEY</c> and the conventional names. Keys are never read from config files.
/// </summary>
public static class ProviderResolver
{
    /// <summary>Resolves; on failure returns null and a one-line error that says how to fix it.</summary>
    public static ResolvedProvider? Resolve(ModelSpec spec, Func<string, string?> environment,
        IReadOnlyDictionary<string, ProviderOverride> configured, out string error)
    {
        error = "";
        ProviderPresets.All.TryGetValue(spec.Provider, out var preset);
        configured.TryGetValue(spec.Provider, out var custom);
        if (preset is null && custom is null)
        {
            error = $"unknown provider '{spec.Provider}'. Known: {string.Join(", ", ProviderPresets.All.Keys)}; or define it under \"providers\" in config.json";
            return null;
        }

        var api = custom?.Api ?? preset?.Api ?? ProviderApi.OpenAICompatible;
        var urlVariables = preset?.BaseUrlVariables ?? [ProviderPresets.Variable(spec.Provider, "BASE_URL")];
        var baseUrl = urlVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
            ?? custom?.BaseUrl ?? preset?.DefaultBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            error = $"provider '{spec.Provider}' has no base URL: set {urlVariables[0]} or \"base_url\" in its config";
            return null;
        }

        if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = $"the base URL of '{spec.Provider}' is not an http(s) URL: {baseUrl}";
            return null;
        }

        var keyVariables = KeyVariables(spec.Provider, configured);
        var key = KeyVariable(spec.Provider, environment, configured) is { } found ? environment(found)!.Trim() : null;
        var requiresKey = preset?.RequiresKey ?? false;
        if (requiresKey && key is null)
        {
            error = $"no API key for {spec.Provider}: set {string.Join(" or ", keyVariables.Distinct())}";
            return null;
        }

        var info = custom?.Models is { } models && models.TryGetValue(spec.Model, out var configuredModel)
            ? configuredModel
            : Catalog.ModelCatalog.Find(spec.Provider, spec.Model);
        return new ResolvedProvider(spec.Provider, api, uri, key, spec.Model,
            custom?.Headers ?? new Dictionary<string, string>(),
            custom?.SendsReasoningEffort ?? preset?.SendsReasoningEffort ?? false, info,
            custom?.SendsReasoningEffort is null ? preset?.Thinking ?? OpenAICompatible.VendorThinking.None : OpenAICompatible.VendorThinking.None);
    }

    /// <summary>
    /// The variable that holds <paramref name="provider"/>'s key in <paramref name="environment"/> (the configured
    /// <c>api_key_env</c>, then the preset's names), or null when none is set. Every reader of keys — sessions,
    /// <c>wright doctor</c>, the first-run setup — asks this, through an environment that includes the stored keys.
    /// </summary>
    public static string? KeyVariable(string provider, Func<string, string?> environment, IReadOnlyDictionary<string, ProviderOverride> configured)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return KeyVariables(provider, configured).FirstOrDefault(v => !string.IsNullOrWhiteSpace(environment(v)));
    }

    /// <summary>Where <paramref name="provider"/>'s key is looked for, in order.</summary>
    private static List<string> KeyVariables(string provider, IReadOnlyDictionary<string, ProviderOverride> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var variables = new List<string>();
        if (configured.TryGetValue(provider, out var custom) && custom.ApiKeyVariable is { Length: > 0 } configuredVariable)
            variables.Add(configuredVariable);
        variables.AddRange(ProviderPresets.All.TryGetValue(provider, out var preset) ? preset.KeyVariables : [ProviderPresets.Variable(provider, "API_KEY")]);
        return variables;
    }
}
