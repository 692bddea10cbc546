using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.OpenAICompatible;

/// <summary>
/// A small Chat Completions client for OpenAI's own endpoint (<c>openai-chat</c>) and OpenAI-compatible vendors
/// (DeepSeek, Qwen, Kimi, GLM, MiniMax, xAI, Mistral, OpenRouter, Groq, Gemini's compatible endpoint, Ollama,
/// LM Studio). Wright's own rather than the OpenAI SDK's because Microsoft.Extensions.AI.OpenAI 10.11 with OpenAI 2.14
/// drops vendor fields such as <c>reasoning_content</c>, which DeepSeek's thinking mode requires to be sent back
/// during a tool-call loop, and because the SDK could not be trimmed under NativeAOT (see OpenAIResponsesChatClient).
/// JSON is written and read with Utf8JsonWriter/JsonDocument (NativeAOT-safe).
/// </summary>
public sealed partial class OpenAICompatibleChatClient : IChatClient
{
    private readonly HttpClient _http;
    private readonly OpenAICompatibleClientOptions _options;
    private readonly Uri _endpoint;

    /// <summary>Creates the client; <paramref name="httpClient"/> is shared and not disposed here.</summary>
    public OpenAICompatibleChatClient(HttpClient httpClient, OpenAICompatibleClientOptions options)
    {
        _http = httpClient;
        _options = options;
        _endpoint = new Uri(options.BaseUrl.ToString().TrimEnd('/') + "/chat/completions");
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = EventStreamRequest.Create(_endpoint, BuildRequest(messages, options), _options.ApiKey, _options.Headers);

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await ProviderErrors.FromResponseAsync(response, _options.ProviderName, cancellationToken);

        await using var stream = new Http.BoundedResponseStream(await response.Content.ReadAsStreamAsync(cancellationToken), _options.MaxResponseBytes, _options.ProviderName);
        var state = new StreamState { Origin = Origin(options) };
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (item.Data == "[DONE]")
            {
                state.Done = true;
                break;
            }

            if (string.IsNullOrWhiteSpace(item.Data))
                continue;
            if (item.EventType == "error")
            {
                // Groq sends `event: error` mid-stream; classified like an HTTP error of the same type and code.
                throw ProviderErrors.FromStreamEvent(item.Data, _options.ProviderName)
                    ?? new ProviderException(ErrorKind.ServerError, $"{_options.ProviderName} reported an error mid-stream: {item.Data}");
            }

            foreach (var update in ParseChunk(item.Data, state))
                yield return update;
        }

        if (!state.Done && state.FinishReason is null)
            throw new ProviderException(ErrorKind.StreamInterrupted, $"the response stream from {_options.ProviderName} ended early");

        var final = new ChatResponseUpdate(ChatRole.Assistant, [.. state.Calls.Values.Select(c => (AIContent)JsonArguments.Call(c.Id, c.Name, c.Arguments.ToString()))])
        {
            ResponseId = state.Id,
            MessageId = state.Id,
            ModelId = state.Model,
            FinishReason = state.Calls.Count > 0 ? ChatFinishReason.ToolCalls : MapFinish(state.FinishReason),
        };
        if (state.Usage is { } usage)
            final.Contents.Add(new UsageContent(usage));
        yield return final;
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
        /// <summary>The origin the reasoning of this response is stamped with (<see cref="ReasoningOrigin"/>).</summary>
        public required string Origin { get; init; }

        public string? Id { get; set; }

        public string? Model { get; set; }

        public string? FinishReason { get; set; }

        public bool Done { get; set; }

        public UsageDetails? Usage { get; set; }

        public SortedDictionary<int, PendingCall> Calls { get; } = [];
    }

    private sealed class PendingCall(string id)
    {
        public string Id { get; set; } = id;

        public string Name { get; set; } = "";

        public StringBuilder Arguments { get; } = new();
    }

    private List<ChatResponseUpdate> ParseChunk(string data, StreamState state)
    {
        var updates = new List<ChatResponseUpdate>();
        using var doc = JsonDocument.Parse(data);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            throw ProviderErrors.FromStreamEvent(data, _options.ProviderName)!;
        state.Id ??= Str(root, "id");
        state.Model ??= Str(root, "model");
        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            state.Usage = Usage(usage);
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            return updates;
        var choice = choices[0];
        if (Str(choice, "finish_reason") is { Length: > 0 } finish)
        {
            // OpenRouter ends a failed generation with finish_reason "error" (normally beside an error object).
            if (finish == "error")
                throw new ProviderException(ErrorKind.ServerError, $"{_options.ProviderName} ended the response with an error mid-stream");
            state.FinishReason = finish;
        }

        if (!choice.TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Object)
            return updates;

        var contents = new List<AIContent>();
        if ((Str(delta, "reasoning_content") ?? Str(delta, "reasoning")) is { Length: > 0 } reasoning)
            contents.Add(ReasoningOrigin.Stamp(new TextReasoningContent(reasoning), state.Origin));
        if (Str(delta, "content") is { Length: > 0 } text)
            contents.Add(new TextContent(text));
        if (Str(delta, "refusal") is { Length: > 0 } refusal)
            contents.Add(new RefusalContent(refusal));
        if (delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var id = Str(call, "id");
                var index = call.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number
                    ? i.GetInt32()
                    : id is not null && state.Calls.Values.FirstOrDefault(c => c.Id == id) is { } known
                        ? state.Calls.First(kv => kv.Value == known).Key
                        : state.Calls.Count;
                if (!state.Calls.TryGetValue(index, out var pending))
                    state.Calls[index] = pending = new PendingCall(id ?? $"call_{Guid.NewGuid():N}"[..29]);
                else if (id is { Length: > 0 })
                    pending.Id = id;
                if (call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
                {
                    if (Str(function, "name") is { Length: > 0 } name)
                        pending.Name = name;
                    if (function.TryGetProperty("arguments", out var args))
                        pending.Arguments.Append(args.ValueKind == JsonValueKind.String ? args.GetString() : args.GetRawText());
                }
            }
        }

        if (contents.Count > 0)
        {
            updates.Add(new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = state.Id,
                MessageId = state.Id,
                ModelId = state.Model,
            });
        }

        return updates;
    }

    private static UsageDetails Usage(JsonElement usage)
    {
        long? Num(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
        var cached = usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object ? Num(details, "cached_tokens") : null;
        cached ??= Num(usage, "prompt_cache_hit_tokens");
        var reasoning = usage.TryGetProperty("completion_tokens_details", out var completion) && completion.ValueKind == JsonValueKind.Object
            ? Num(completion, "reasoning_tokens")
            : null;
        return new UsageDetails
        {
            InputTokenCount = Num(usage, "prompt_tokens"),
            OutputTokenCount = Num(usage, "completion_tokens"),
            TotalTokenCount = Num(usage, "total_tokens"),
            CachedInputTokenCount = cached,
            ReasoningTokenCount = reasoning,
        };
    }

    private static ChatFinishReason? MapFinish(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        var other => new ChatFinishReason(other),
    };

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
