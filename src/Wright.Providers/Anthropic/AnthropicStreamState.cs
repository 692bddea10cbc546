using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.Anthropic;

/// <summary>Turns Messages API stream events into <see cref="ChatResponseUpdate"/>s.</summary>
internal sealed class AnthropicStreamState(string providerName, string origin)
{
    private readonly Dictionary<int, BlockState> _blocks = [];
    private string? _messageId;
    private string? _model;
    private long _input;
    private long _cacheRead;
    private long _cacheWrite;
    private long _output;
    private string? _stopReason;
    private string? _stopExplanation;

    /// <summary>Whether <c>message_stop</c> arrived.</summary>
    public bool Completed { get; private set; }

    /// <summary>Handles one SSE event; returns the updates it produces (usually zero or one).</summary>
    public IEnumerable<ChatResponseUpdate> Handle(string eventType, string data)
    {
        if (string.IsNullOrWhiteSpace(data))
            return [];
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(data);
        }
        catch (JsonException ex)
        {
            throw new ProviderException(ErrorKind.ServerError, $"{providerName} sent a malformed stream event ({eventType}): {ex.Message}", inner: ex);
        }

        using (doc)
            return Handle(eventType, doc.RootElement);
    }

    private IEnumerable<ChatResponseUpdate> Handle(string eventType, JsonElement root)
    {
        var type = Str(root, "type") ?? eventType;
        switch (type)
        {
            case "message_start":
                if (root.TryGetProperty("message", out var message))
                {
                    _messageId = Str(message, "id");
                    _model = Str(message, "model");
                    if (message.TryGetProperty("usage", out var usage))
                        ReadUsage(usage);
                }

                return [];
            case "content_block_start":
                return BlockStart(root);
            case "content_block_delta":
                return BlockDelta(root);
            case "content_block_stop":
                return BlockStop(root);
            case "message_delta":
                if (root.TryGetProperty("delta", out var delta) && Str(delta, "stop_reason") is { } stop)
                {
                    _stopReason = stop;
                    if (delta.TryGetProperty("stop_details", out var details))
                        _stopExplanation = Str(details, "explanation");
                }

                if (root.TryGetProperty("usage", out var deltaUsage))
                    ReadUsage(deltaUsage);
                return [];
            case "message_stop":
                Completed = true;
                return [Final()];
            case "error":
                throw StreamError(root);
            default:
                // ping and event types added later by the API.
                return [];
        }
    }

    private IEnumerable<ChatResponseUpdate> BlockStart(JsonElement root)
    {
        var index = Index(root);
        if (!root.TryGetProperty("content_block", out var block))
            return [];
        var state = new BlockState(Str(block, "type") ?? "")
        {
            Id = Str(block, "id"),
            Name = Str(block, "name"),
            Data = Str(block, "data"),
        };
        _blocks[index] = state;
        if (state.Type == "text" && Str(block, "text") is { Length: > 0 } text)
            return [Update(new TextContent(text))];
        if (state.Type == "thinking")
        {
            if (Str(block, "signature") is { Length: > 0 } signature)
                state.Buffer.Append(signature);
            if (Str(block, "thinking") is { Length: > 0 } thinking)
            {
                state.HasText = true;
                return [Update(new TextReasoningContent(thinking))];
            }
        }

        return [];
    }

    private IEnumerable<ChatResponseUpdate> BlockDelta(JsonElement root)
    {
        var index = Index(root);
        if (!root.TryGetProperty("delta", out var delta) || !_blocks.TryGetValue(index, out var state))
            return [];
        switch (Str(delta, "type"))
        {
            case "text_delta" when Str(delta, "text") is { Length: > 0 } text:
                return [Update(new TextContent(text))];
            case "thinking_delta" when Str(delta, "thinking") is { Length: > 0 } thinking:
                state.HasText = true;
                return [Update(new TextReasoningContent(thinking))];
            case "signature_delta":
                state.Buffer.Append(Str(delta, "signature"));
                return [];
            case "input_json_delta":
                state.Buffer.Append(Str(delta, "partial_json"));
                return [];
            default:
                return [];
        }
    }

    private IEnumerable<ChatResponseUpdate> BlockStop(JsonElement root)
    {
        var index = Index(root);
        if (!_blocks.Remove(index, out var state))
            return [];
        switch (state.Type)
        {
            case "tool_use":
            {
                var json = state.Buffer.Length == 0 ? "{}" : state.Buffer.ToString();
                var call = FunctionCallContent.CreateFromParsedArguments(json, state.Id ?? "", state.Name ?? "", ParseArguments);
                return [Update(call)];
            }

            case "thinking" when state.Buffer.Length > 0:
            {
                // Carries the signature. ToChatResponse() coalesces it with the preceding deltas of this block into one
                // reasoning content (a content holding ProtectedData ends a run, so blocks never merge with each other).
                var signature = new TextReasoningContent("") { ProtectedData = state.Buffer.ToString() };
                if (!state.HasText)
                {
                    // A signed block without text stays a lone content; mark it so it is not sent back as redacted_thinking.
                    signature.AdditionalProperties = new() { [AnthropicRequestWriter.ThinkingMarker] = true };
                }

                return [Update(signature)];
            }

            case "redacted_thinking" when !string.IsNullOrEmpty(state.Data):
                return [Update(new TextReasoningContent("") { ProtectedData = state.Data })];
            default:
                return [];
        }
    }

    /// <summary>Parses tool input; throws on anything but a JSON object (the caller stores the exception).</summary>
    internal static IDictionary<string, object?> ParseArguments(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException($"tool input is a JSON {doc.RootElement.ValueKind}, not an object");
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
            result[property.Name] = property.Value.Clone();
        return result;
    }

    private ChatResponseUpdate Final()
    {
        var details = new UsageDetails
        {
            InputTokenCount = _input + _cacheRead + _cacheWrite,
            OutputTokenCount = _output,
            TotalTokenCount = _input + _cacheRead + _cacheWrite + _output,
            CachedInputTokenCount = _cacheRead,
            AdditionalCounts = new() { [UsageKeys.CacheWriteTokens] = _cacheWrite },
        };
        var update = Update(new UsageContent(details));
        if (_stopReason == "refusal")
            update.Contents.Add(new RefusalContent(_stopExplanation ?? ""));
        update.FinishReason = _stopReason switch
        {
            null => null,
            "end_turn" or "stop_sequence" or "pause_turn" => ChatFinishReason.Stop,
            "tool_use" => ChatFinishReason.ToolCalls,
            "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
            "refusal" => ChatFinishReason.ContentFilter,
            _ => new ChatFinishReason(_stopReason),
        };
        return update;
    }

    /// <summary>An update of one content; reasoning is stamped with its origin (<see cref="ReasoningOrigin"/>).</summary>
    private ChatResponseUpdate Update(AIContent content) => new(ChatRole.Assistant, [content is TextReasoningContent ? ReasoningOrigin.Stamp(content, origin) : content])
    {
        MessageId = _messageId,
        ResponseId = _messageId,
        ModelId = _model,
    };

    private void ReadUsage(JsonElement usage)
    {
        // message_delta repeats the counters cumulatively, and recorded real streams send input_tokens: 0 there
        // (Fixtures/anthropic/tool-use.sse): keep the largest value seen.
        if (Num(usage, "input_tokens") is { } input)
            _input = Math.Max(_input, input);
        if (Num(usage, "cache_read_input_tokens") is { } read)
            _cacheRead = Math.Max(_cacheRead, read);
        if (Num(usage, "cache_creation_input_tokens") is { } write)
            _cacheWrite = Math.Max(_cacheWrite, write);
        if (Num(usage, "output_tokens") is { } output)
            _output = Math.Max(_output, output);
    }

    private ProviderException StreamError(JsonElement root) =>
        ProviderErrors.FromStreamEvent(root.GetRawText(), providerName)
        ?? new ProviderException(ErrorKind.ServerError, $"{providerName} sent an error event without details: {root.GetRawText()}");

    private static int Index(JsonElement root) => root.TryGetProperty("index", out var i) && i.TryGetInt32(out var v) ? v : 0;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    /// <summary>An open content block.</summary>
    private sealed class BlockState(string type)
    {
        public string Type { get; } = type;
        public string? Id { get; init; }
        public string? Name { get; init; }
        public string? Data { get; init; }

        /// <summary>Whether a thinking block streamed any text.</summary>
        public bool HasText { get; set; }

        /// <summary>Tool input JSON or thinking signature, accumulated from deltas.</summary>
        public StringBuilder Buffer { get; } = new();
    }
}
