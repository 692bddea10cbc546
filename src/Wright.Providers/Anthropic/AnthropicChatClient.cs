using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.Anthropic;

/// <summary>
/// A small Anthropic Messages API client: streaming text, tool_use with input_json_delta, thinking blocks with their
/// signatures round-tripped, prompt-caching breakpoints and cache-aware usage. Wright's own because the Anthropic
/// SDK is not NativeAOT-safe; JSON goes through Utf8JsonWriter/JsonDocument.
/// </summary>
public sealed partial class AnthropicChatClient : IChatClient
{
    /// <summary>Marks a redacted thinking block's data in <see cref="TextReasoningContent.ProtectedData"/>.</summary>
    public const string RedactedPrefix = "redacted_thinking:";

    private readonly HttpClient _http;
    private readonly AnthropicClientOptions _options;
    private readonly Uri _endpoint;

    /// <summary>Creates the client; <paramref name="httpClient"/> is shared and not disposed here.</summary>
    public AnthropicChatClient(HttpClient httpClient, AnthropicClientOptions options)
    {
        _http = httpClient;
        _options = options;
        var root = options.BaseUrl.ToString().TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.Ordinal))
            root = root[..^3];
        _endpoint = new Uri(root + "/v1/messages");
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(BuildRequest(messages, options)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        if (!string.IsNullOrEmpty(_options.ApiKey))
            request.Headers.TryAddWithoutValidation("x-api-key", _options.ApiKey);

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await ProviderErrors.FromResponseAsync(response, _options.ProviderName, cancellationToken);

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var state = new StreamState();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(item.Data))
                continue;
            var update = Parse(item.Data, state);
            if (update is not null)
                yield return update;
            if (state.Stopped)
                break;
        }

        if (!state.Stopped)
            throw new ProviderException(ErrorKind.StreamInterrupted, $"the response stream from {_options.ProviderName} ended before message_stop");
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class StreamState
    {
        public string? Id { get; set; }

        public string? Model { get; set; }

        public long Input { get; set; }

        public long CacheRead { get; set; }

        public long CacheWrite { get; set; }

        public long Output { get; set; }

        public string? StopReason { get; set; }

        public bool Stopped { get; set; }

        public Dictionary<int, Block> Blocks { get; } = [];
    }

    private sealed class Block(string type)
    {
        public string Type { get; } = type;

        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public StringBuilder Json { get; } = new();

        public StringBuilder Signature { get; } = new();

        public string? Data { get; set; }
    }

    private ChatResponseUpdate? Parse(string data, StreamState state)
    {
        using var doc = JsonDocument.Parse(data);
        var root = doc.RootElement;
        switch (Str(root, "type"))
        {
            case "message_start":
                var message = root.GetProperty("message");
                state.Id = Str(message, "id");
                state.Model = Str(message, "model");
                if (message.TryGetProperty("usage", out var startUsage))
                    ReadUsage(startUsage, state);
                return null;
            case "content_block_start":
                var index = root.GetProperty("index").GetInt32();
                var block = root.GetProperty("content_block");
                var b = new Block(Str(block, "type") ?? "");
                b.Id = Str(block, "id") ?? "";
                b.Name = Str(block, "name") ?? "";
                b.Data = Str(block, "data");
                state.Blocks[index] = b;
                if (b.Type == "text" && Str(block, "text") is { Length: > 0 } initial)
                    return Update(state, new TextContent(initial));
                return null;
            case "content_block_delta":
                var deltaIndex = root.GetProperty("index").GetInt32();
                var delta = root.GetProperty("delta");
                state.Blocks.TryGetValue(deltaIndex, out var target);
                switch (Str(delta, "type"))
                {
                    case "text_delta":
                        return Update(state, new TextContent(Str(delta, "text") ?? ""));
                    case "thinking_delta":
                        return Update(state, new TextReasoningContent(Str(delta, "thinking") ?? ""));
                    case "signature_delta":
                        target?.Signature.Append(Str(delta, "signature"));
                        return null;
                    case "input_json_delta":
                        target?.Json.Append(Str(delta, "partial_json"));
                        return null;
                    default:
                        return null;
                }

            case "content_block_stop":
                var stopIndex = root.GetProperty("index").GetInt32();
                if (!state.Blocks.TryGetValue(stopIndex, out var done))
                    return null;
                return done.Type switch
                {
                    "tool_use" or "server_tool_use" => Update(state, JsonArguments.Call(done.Id, done.Name, done.Json.ToString())),
                    "thinking" => Update(state, new TextReasoningContent("") { ProtectedData = done.Signature.ToString() }),
                    "redacted_thinking" => Update(state, new TextReasoningContent("") { ProtectedData = RedactedPrefix + done.Data }),
                    _ => null,
                };
            case "message_delta":
                if (root.TryGetProperty("delta", out var messageDelta))
                    state.StopReason = Str(messageDelta, "stop_reason") ?? state.StopReason;
                if (root.TryGetProperty("usage", out var deltaUsage))
                    ReadUsage(deltaUsage, state);
                return null;
            case "message_stop":
                state.Stopped = true;
                var usage = new UsageDetails
                {
                    InputTokenCount = state.Input + state.CacheRead + state.CacheWrite,
                    OutputTokenCount = state.Output,
                    TotalTokenCount = state.Input + state.CacheRead + state.CacheWrite + state.Output,
                    CachedInputTokenCount = state.CacheRead,
                    AdditionalCounts = new() { [UsageKeys.CacheWriteTokens] = state.CacheWrite },
                };
                var final = Update(state, new UsageContent(usage));
                final.FinishReason = state.StopReason switch
                {
                    "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
                    "tool_use" => ChatFinishReason.ToolCalls,
                    "max_tokens" => ChatFinishReason.Length,
                    "refusal" => ChatFinishReason.ContentFilter,
                    null => ChatFinishReason.Stop,
                    var other => new ChatFinishReason(other),
                };
                return final;
            case "error":
                throw StreamError(root.TryGetProperty("error", out var error) ? error : root);
            default:
                return null;
        }
    }

    private ChatResponseUpdate Update(StreamState state, AIContent content) => new(ChatRole.Assistant, [content])
    {
        ResponseId = state.Id,
        MessageId = state.Id,
        ModelId = state.Model,
    };

    private static void ReadUsage(JsonElement usage, StreamState state)
    {
        long? Num(string name) => usage.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
        // message_delta repeats the counters cumulatively, and real streams send input_tokens: 0 there: keep the maximum.
        state.Input = Math.Max(state.Input, Num("input_tokens") ?? 0);
        state.CacheRead = Math.Max(state.CacheRead, Num("cache_read_input_tokens") ?? 0);
        state.CacheWrite = Math.Max(state.CacheWrite, Num("cache_creation_input_tokens") ?? 0);
        state.Output = Math.Max(state.Output, Num("output_tokens") ?? 0);
    }

    private ProviderException StreamError(JsonElement error)
    {
        var type = Str(error, "type") ?? "";
        var message = Str(error, "message") ?? error.GetRawText();
        var kind = type switch
        {
            "overloaded_error" => ErrorKind.Overloaded,
            "rate_limit_error" => ErrorKind.RateLimited,
            "api_error" => ErrorKind.ServerError,
            "authentication_error" or "permission_error" => ErrorKind.Authentication,
            "not_found_error" => ErrorKind.NotFound,
            "invalid_request_error" when message.Contains("too long", StringComparison.OrdinalIgnoreCase) => ErrorKind.ContextOverflow,
            "invalid_request_error" => ErrorKind.BadRequest,
            _ => ErrorKind.ServerError,
        };
        return new ProviderException(kind, $"{_options.ProviderName} reported {type} mid-stream: {message}");
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
