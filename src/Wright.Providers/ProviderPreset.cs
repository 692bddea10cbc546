namespace Wright.Providers;

/// <summary>A known provider: protocol, default endpoint and where its key comes from.</summary>
/// <param name="Id">The spec prefix, e.g. <c>deepseek</c>.</param>
/// <param name="Api">The wire protocol.</param>
/// <param name="DefaultBaseUrl">The base URL (OpenAI-compatible: including /v1; Anthropic: the root).</param>
/// <param name="KeyVariables">Environment variables holding the key, first found wins.</param>
/// <param name="BaseUrlVariables">Environment variables overriding the base URL, first found wins.</param>
/// <param name="RequiresKey">Whether a request without a key is pointless.</param>
/// <param name="SendsReasoningEffort">Whether the endpoint accepts <c>reasoning_effort</c>.</param>
/// <param name="Thinking">The vendor's own reasoning switch, used for <c>--effort</c> instead.</param>
public sealed record ProviderPreset(
    string Id,
    ProviderApi Api,
    string DefaultBaseUrl,
    IReadOnlyList<string> KeyVariables,
    IReadOnlyList<string> BaseUrlVariables,
    bool RequiresKey = true,
    bool SendsReasoningEffort = false,
    OpenAICompatible.VendorThinking Thinking = OpenAICompatible.VendorThinking.None);
