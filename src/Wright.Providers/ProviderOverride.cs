using Wright.Providers.Catalog;

namespace Wright.Providers;

/// <summary>
/// A provider as configured (user or trusted project config): overrides of a preset, or a whole custom provider
/// (then <see cref="Api"/> and <see cref="BaseUrl"/> are required).
/// </summary>
public sealed record ProviderOverride
{
    /// <summary>Protocol, for custom providers.</summary>
    public ProviderApi? Api { get; init; }

    /// <summary>Base URL (OpenAI-compatible: including /v1).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Name of the environment variable that holds the key.</summary>
    public string? ApiKeyVariable { get; init; }

    /// <summary>Extra HTTP headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Whether to send <c>reasoning_effort</c> (OpenAI-compatible).</summary>
    public bool? SendsReasoningEffort { get; init; }

    /// <summary>Model facts overriding the catalog, by model id.</summary>
    public IReadOnlyDictionary<string, ModelInfo>? Models { get; init; }
}
