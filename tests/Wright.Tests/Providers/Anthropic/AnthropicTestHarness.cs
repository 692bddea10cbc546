using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Providers.Anthropic;
using Wright.Providers.Http;

namespace Wright.Tests.Providers.Anthropic;

internal static class AnthropicTestHarness
{
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "anthropic", name));

    public static HttpResponseMessage Sse(string body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body, Encoding.UTF8, "text/event-stream"),
    };

    public static (AnthropicChatClient Client, FakeAnthropicHandler Handler) Create(Func<HttpRequestMessage, HttpResponseMessage> respond,
        string baseUrl = "https://api.anthropic.com", string? apiKey = "sk-test", int maxOutputTokens = 16000)
    {
        var handler = new FakeAnthropicHandler(respond);
        var client = new AnthropicChatClient(new HttpClient(handler), new AnthropicClientOptions
        {
            BaseUrl = new Uri(baseUrl),
            ApiKey = apiKey,
            Model = "claude-test",
            MaxOutputTokens = maxOutputTokens,
        });
        return (client, handler);
    }

    /// <summary>Marks <paramref name="reasoning"/> as made by the client <see cref="Create"/> makes by default (only such reasoning is sent back).</summary>
    public static TextReasoningContent Own(TextReasoningContent reasoning) =>
        ReasoningOrigin.Stamp(reasoning, AnthropicRequestWriter.Origin(new AnthropicClientOptions { BaseUrl = new Uri("https://api.anthropic.com"), Model = "claude-test" }, null));

    public static (AnthropicChatClient Client, FakeAnthropicHandler Handler) Replay(string sse) => Create(_ => Sse(sse));

    public static async Task<List<ChatResponseUpdate>> CollectAsync(IChatClient client, IEnumerable<ChatMessage>? messages = null, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages ?? [new ChatMessage(ChatRole.User, "hi")], options, TestContext.Current.CancellationToken))
            updates.Add(update);
        return updates;
    }

    /// <summary>Frames payloads as the API does: <c>event: {type}</c>, <c>data: {json}</c>, blank line.</summary>
    public static string Frame(params string[] payloads)
    {
        var sb = new StringBuilder();
        foreach (var payload in payloads)
        {
            var type = JsonDocument.Parse(payload).RootElement.GetProperty("type").GetString();
            sb.Append("event: ").Append(type).Append('\n').Append("data: ").Append(payload).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>Serialises a history the way the client would send it and returns the JSON body.</summary>
    public static async Task<JsonElement> RequestJsonAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, int maxOutputTokens = 16000)
    {
        var (client, handler) = Create(_ => Sse(Fixture("basic_response.txt")), maxOutputTokens: maxOutputTokens);
        await CollectAsync(client, messages, options);
        return handler.Json;
    }
}
