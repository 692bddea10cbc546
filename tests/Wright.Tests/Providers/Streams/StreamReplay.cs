using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Core.Tools;
using Wright.Providers;
using Wright.Providers.Middleware;
using Wright.Tests.Support;

namespace Wright.Tests.Providers.Streams;

/// <summary>
/// Replays recorded provider responses (Fixtures/Streams, see its README) through Wright's real client pipeline:
/// retry, cost, error normalisation and the protocol client (the OpenAI SDK for <c>openai</c>/<c>openai-chat</c>).
/// </summary>
internal static class StreamReplay
{
    /// <summary>Fast retries, at most two, so a retried error shows as three requests.</summary>
    public static readonly RetryOptions Retry = new()
    {
        MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MaxRetryAfter = TimeSpan.FromSeconds(1),
    };

    /// <summary>The protocol each provider id speaks, as its preset does.</summary>
    public static ProviderApi ApiOf(string provider) => provider switch
    {
        "openai" => ProviderApi.OpenAIResponses,
        "openai-chat" => ProviderApi.OpenAIChat,
        "anthropic" => ProviderApi.Anthropic,
        _ => ProviderApi.OpenAICompatible,
    };

    public static IChatClient Client(string provider, ReplayHandler handler, string model = "test-model")
    {
        var baseUrl = new Uri(provider == "anthropic" ? "http://127.0.0.1:1" : "http://127.0.0.1:1/v1");
        var resolved = new ResolvedProvider(provider, ApiOf(provider), baseUrl, "k", model, new Dictionary<string, string>(), false, null);
        return ChatClientFactory.Create(resolved, new HttpClient(handler), Retry);
    }

    /// <summary>Answers every request with the recorded SSE body.</summary>
    public static ReplayHandler Sse(string fixture) => ReplayHandler.Sse(ReplayHandler.Fixture("Streams/" + fixture));

    /// <summary>Answers every request with <paramref name="status"/> and the recorded JSON error body.</summary>
    public static ReplayHandler Status(int status, string fixture, params (string Name, string Value)[] headers) => new(_ =>
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(ReplayHandler.Fixture("Streams/" + fixture), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
            response.Headers.TryAddWithoutValidation(name, value);
        return response;
    });

    /// <summary>Streams one response; returns the updates and the error it ended with (null when it completed).</summary>
    public static async Task<(List<ChatResponseUpdate> Updates, ProviderException? Error)> StreamAsync(IChatClient client)
    {
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], null, TestContext.Current.CancellationToken))
                updates.Add(update);
            return (updates, null);
        }
        catch (ProviderException ex)
        {
            return (updates, ex);
        }
    }

    /// <summary>Runs the engine on <paramref name="client"/> for one prompt.</summary>
    public static async Task<List<AgentEvent>> RunAsync(IChatClient client)
    {
        var session = new AgentSession(client, new ToolRegistry([]), new AgentOptions
        {
            Model = "test/model", Workspace = "/tmp", SessionDirectory = Path.GetTempPath(),
        });
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync("hi", TestContext.Current.CancellationToken))
            events.Add(e);
        return events;
    }
}
