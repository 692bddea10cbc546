using Microsoft.Extensions.AI;
using Wright.Providers.Anthropic;
using Wright.Providers.Middleware;
using Wright.Providers.OpenAICompatible;
using Wright.Providers.OpenAIResponses;

namespace Wright.Providers;

/// <summary>
/// Builds the <see cref="IChatClient"/> pipeline for a resolved provider:
/// retry → cost accounting → error normalisation → protocol client.
/// </summary>
public static class ChatClientFactory
{
    /// <summary>Creates the client. <paramref name="httpClient"/> is shared and outlives the client.</summary>
    public static IChatClient Create(ResolvedProvider provider, HttpClient httpClient, RetryOptions retry, TimeProvider? timeProvider = null)
    {
        IChatClient client = provider.Api switch
        {
            ProviderApi.Anthropic => new AnthropicChatClient(httpClient, new AnthropicClientOptions
            {
                BaseUrl = provider.BaseUrl,
                ApiKey = provider.ApiKey,
                Model = provider.Model,
                MaxOutputTokens = provider.ModelInfo?.MaxOutputTokens is { } max ? Math.Min(max, 32_000) : 16_000,
                ProviderName = provider.Id,
            }),
            ProviderApi.OpenAIResponses => new OpenAIResponsesChatClient(httpClient, new OpenAIResponsesClientOptions
            {
                BaseUrl = provider.BaseUrl,
                ApiKey = provider.ApiKey,
                Model = provider.Model,
                ProviderName = provider.Id,
                Headers = provider.Headers,
                Reasons = provider.ModelInfo?.Reasons ?? false,
            }),
            _ => new OpenAICompatibleChatClient(httpClient, new OpenAICompatibleClientOptions
            {
                BaseUrl = provider.BaseUrl,
                ApiKey = provider.ApiKey,
                Model = provider.Model,
                ProviderName = provider.Id,
                SendReasoningEffort = provider.SendsReasoningEffort,
                Thinking = provider.Thinking,
                Headers = provider.Headers,
                // OpenAI's own Chat Completions: max_tokens is refused by its reasoning models, and it knows no
                // reasoning_content (a message carrying one from another vendor's turn would be refused).
                OpenAI = provider.Api == ProviderApi.OpenAIChat,
            }),
        };

        client = new ErrorNormalizingChatClient(client, provider.Id, provider.BaseUrl);
        client = new CostTrackingChatClient(client, provider.ModelInfo);
        return new RetryingChatClient(client, retry, timeProvider);
    }
}
