// TEMPORARY: placeholders until the Anthropic and OpenAI-compatible clients are merged. Delete on merge.
#pragma warning disable
using Microsoft.Extensions.AI;
namespace Wright.Providers.Anthropic
{
    public sealed class AnthropicClientOptions { public required Uri BaseUrl { get; init; } public string? ApiKey { get; init; } public required string Model { get; init; } public int MaxOutputTokens { get; init; } = 16000; public string ProviderName { get; init; } = "anthropic"; }
    public sealed class AnthropicChatClient(HttpClient h, AnthropicClientOptions o) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? op = null, CancellationToken c = default) => throw new NotImplementedException();
        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? op = null, CancellationToken c = default) => throw new NotImplementedException();
        public object? GetService(Type t, object? k = null) => null;
        public void Dispose() { }
    }
}
namespace Wright.Providers.OpenAICompatible
{
    public sealed class OpenAICompatibleClientOptions { public required Uri BaseUrl { get; init; } public string? ApiKey { get; init; } public required string Model { get; init; } public string ProviderName { get; init; } = "x"; public int? MaxOutputTokens { get; init; } public bool SendReasoningEffort { get; init; } = true; public IReadOnlyDictionary<string, string>? Headers { get; init; } }
    public sealed class OpenAICompatibleChatClient(HttpClient h, OpenAICompatibleClientOptions o) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? op = null, CancellationToken c = default) => throw new NotImplementedException();
        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? op = null, CancellationToken c = default) => throw new NotImplementedException();
        public object? GetService(Type t, object? k = null) => null;
        public void Dispose() { }
    }
}
