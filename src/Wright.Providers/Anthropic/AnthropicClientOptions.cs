namespace Wright.Providers.Anthropic;

/// <summary>Settings of <see cref="AnthropicChatClient"/>.</summary>
public sealed class AnthropicClientOptions
{
    /// <summary>
    /// API root, e.g. <c>https://api.anthropic.com</c> (as <c>ANTHROPIC_BASE_URL</c> in Anthropic's SDKs). The client posts
    /// to <c>{BaseUrl}/v1/messages</c>; a root that already ends in <c>/v1</c> is tolerated.
    /// </summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Sent as <c>x-api-key</c> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Model id, e.g. <c>claude-sonnet-4-5</c>; <see cref="Microsoft.Extensions.AI.ChatOptions.ModelId"/> overrides it.</summary>
    public required string Model { get; init; }

    /// <summary>Default <c>max_tokens</c>; <see cref="Microsoft.Extensions.AI.ChatOptions.MaxOutputTokens"/> overrides it.</summary>
    public int MaxOutputTokens { get; init; } = 16000;

    /// <summary>Name used in error messages and metadata.</summary>
    public string ProviderName { get; init; } = "anthropic";

    /// <summary>The most bytes one response stream may have before it is cut off with an error (a hostile endpoint's endless line or tool call).</summary>
    public long MaxResponseBytes { get; init; } = Http.BoundedResponseStream.DefaultLimit;
}
