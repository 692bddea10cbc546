using Wright.Providers.Catalog;

namespace Wright.Providers;

/// <summary>Everything needed to talk to one model: endpoint, key and protocol.</summary>
public sealed record ResolvedProvider(
    string Id,
    ProviderApi Api,
    Uri BaseUrl,
    string? ApiKey,
    string Model,
    IReadOnlyDictionary<string, string> Headers,
    bool SendsReasoningEffort,
    ModelInfo? ModelInfo,
    OpenAICompatible.VendorThinking Thinking = OpenAICompatible.VendorThinking.None)
{
    /// <summary>The spec, e.g. <c>deepseek/deepseek-chat</c>.</summary>
    public string Spec => $"{Id}/{Model}";
}
