using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Wright.Providers.Anthropic;
using Wright.Providers.Middleware;
using Wright.Providers.OpenAISdk;
using Wright.Providers.OpenAICompatible;

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
            ProviderApi.OpenAIResponses => new StreamCompletionChatClient(
                OpenAI(provider, httpClient).GetResponsesClient().AsIChatClient(provider.Model), provider.Id),
            ProviderApi.OpenAIChat => new StreamCompletionChatClient(
                OpenAI(provider, httpClient).GetChatClient(provider.Model).AsIChatClient(), provider.Id),
            _ => new OpenAICompatibleChatClient(httpClient, new OpenAICompatibleClientOptions
            {
                BaseUrl = provider.BaseUrl,
                ApiKey = provider.ApiKey,
                Model = provider.Model,
                ProviderName = provider.Id,
                SendReasoningEffort = provider.SendsReasoningEffort,
                Thinking = provider.Thinking,
                Headers = provider.Headers,
            }),
        };

        client = new ErrorNormalizingChatClient(client, provider.Id, provider.BaseUrl);
        client = new CostTrackingChatClient(client, provider.ModelInfo);
        return new RetryingChatClient(client, retry, timeProvider);
    }

    private static OpenAIClient OpenAI(ResolvedProvider provider, HttpClient httpClient)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = provider.BaseUrl,
            // Retries are Wright's (RetryingChatClient), so they are visible as events and never duplicate output.
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = new HttpClientPipelineTransport(httpClient),
            NetworkTimeout = httpClient.Timeout,
        };
        foreach (var (name, value) in provider.Headers)
            options.AddPolicy(new HeaderPolicy(name, value), PipelinePosition.PerCall);
        options.AddPolicy(new StreamErrorPolicy(provider.Id), PipelinePosition.PerCall);
        return new OpenAIClient(new ApiKeyCredential(provider.ApiKey ?? "none"), options);
    }

    private sealed class HeaderPolicy(string name, string value) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set(name, value);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set(name, value);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
