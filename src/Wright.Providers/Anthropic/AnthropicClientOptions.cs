namespace Wright.Providers.Anthropic;

/// <summary>Where and how to reach the Anthropic Messages API.</summary>
public sealed class AnthropicClientOptions
{
    /// <summary>The API root (as ANTHROPIC_BASE_URL in Anthropic's SDKs); requests go to {root}/v1/messages.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The key (x-api-key).</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model id.</summary>
    public required string Model { get; init; }

    /// <summary>max_tokens when the request does not set one.</summary>
    public int MaxOutputTokens { get; init; } = 16000;

    /// <summary>Provider name for messages.</summary>
    public string ProviderName { get; init; } = "anthropic";
}
