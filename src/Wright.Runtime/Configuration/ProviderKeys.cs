using Wright.Providers;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Which providers have a key, found the way a session finds it: the environment with the stored keys under it
/// (<see cref="StoredKeys.Over"/>) and <see cref="ProviderResolver.KeyVariable"/> (the configured <c>api_key_env</c>,
/// then the preset's names). <c>wright doctor</c> and the first-run setup report from this, so they never disagree
/// with what a session will use.
/// </summary>
public static class ProviderKeys
{
    /// <summary>The presets that need a key and have one, by id.</summary>
    public static IReadOnlyList<ProviderKey> Present(Func<string, string?> environment, string home, IReadOnlyDictionary<string, ProviderOverride> configured)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configured);
        var keyed = StoredKeys.Over(environment, home);
        var keys = new List<ProviderKey>();
        foreach (var (id, preset) in ProviderPresets.All.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (preset.RequiresKey && ProviderResolver.KeyVariable(id, keyed, configured) is { } variable)
                keys.Add(new ProviderKey(id, variable, string.IsNullOrWhiteSpace(environment(variable))));
        }

        return keys;
    }
}
