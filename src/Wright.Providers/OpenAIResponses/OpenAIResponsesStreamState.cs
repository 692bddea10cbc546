using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.OpenAIResponses;

/// <summary>Turns Responses API stream events into <see cref="ChatResponseUpdate"/>s.</summary>
internal sealed class OpenAIResponsesStreamState(string providerName)
{
    private readonly Dictionary<string, PendingCall> _calls = new(StringComparer.Ordinal);
    private string? _responseId;
    private string? _model;
    private bool _sawCall;

    /// <summary>Whether <c>response.completed</c> or <c>response.incomplete</c> arrived.</summary>
    public bool Completed { get; private set; }

    /// <summary>Handles one SSE event; returns the updates it produces (usually zero or one).</summary>
    public IReadOnlyList<ChatResponseUpdate> Handle(string eventType, string data)
    {
        if (string.IsNullOrWhiteSpace(data) || data == "[DONE]")
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
            return Handle(eventType, doc.RootElement, data);
    }

    private IReadOnlyList<ChatResponseUpdate> Handle(string eventType, JsonElement root, string data)
    {
        var type = Str(root, "type") ?? eventType;
        switch (type)
        {
            case "response.created" or "response.in_progress":
                if (root.TryGetProperty("response", out var started))
                {
                    _responseId ??= Str(started, "id");
                    _model ??= Str(started, "model");
                }

                return [];
            case "response.output_text.delta" when Str(root, "delta") is { Length: > 0 } text:
                return [Update(new TextContent(text))];
            case "response.refusal.delta" when Str(root, "delta") is { Length: > 0 } refusal:
                return [Update(new RefusalContent(refusal))];
            case "response.reasoning_summary_text.delta" or "response.reasoning_text.delta" when Str(root, "delta") is { Length: > 0 } reasoning:
                return [Update(new TextReasoningContent(reasoning))];
            case "response.output_item.added":
                if (root.TryGetProperty("item", out var added) && Str(added, "type") == "function_call")
                    _calls[Key(root, added)] = new PendingCall(Str(added, "call_id") ?? Str(added, "id") ?? "", Str(added, "name") ?? "");
                return [];
            case "response.function_call_arguments.delta":
                if (_calls.TryGetValue(Key(root, default), out var pending))
                    pending.Arguments.Append(Str(root, "delta"));
                return [];
            case "response.output_item.done":
                return root.TryGetProperty("item", out var done) && Str(done, "type") == "function_call" ? CallDone(root, done) : [];
            case "response.completed" or "response.incomplete":
                Completed = true;
                return [Final(root)];
            case "error" or "response.failed":
                throw ProviderErrors.FromStreamEvent(data, providerName)
                    ?? new ProviderException(ErrorKind.ServerError, $"{providerName} reported an error mid-stream: {data}");
            default:
                // Lifecycle events (content_part, *.done) and event types added later by the API.
                return [];
        }
    }

    private ChatResponseUpdate[] CallDone(JsonElement root, JsonElement item)
    {
        _calls.Remove(Key(root, item), out var pending);
        var callId = Str(item, "call_id") ?? pending?.CallId ?? "";
        var name = Str(item, "name") ?? pending?.Name ?? "";
        var arguments = Str(item, "arguments") ?? pending?.Arguments.ToString() ?? "";
        _sawCall = true;
        return [Update(JsonArguments.Call(callId, name, arguments))];
    }

    private ChatResponseUpdate Final(JsonElement root)
    {
        var update = new ChatResponseUpdate(ChatRole.Assistant, [])
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = _model,
        };
        string? status = null;
        string? incomplete = null;
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            update.ResponseId ??= Str(response, "id");
            update.ModelId ??= Str(response, "model");
            status = Str(response, "status");
            if (response.TryGetProperty("incomplete_details", out var details))
                incomplete = Str(details, "reason");
            if (response.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                update.Contents.Add(new UsageContent(Usage(usage)));
        }

        update.FinishReason = _sawCall ? ChatFinishReason.ToolCalls
            : incomplete switch
            {
                "max_output_tokens" => ChatFinishReason.Length,
                "content_filter" => ChatFinishReason.ContentFilter,
                null when status is null or "completed" => ChatFinishReason.Stop,
                _ => new ChatFinishReason(incomplete ?? status!),
            };
        return update;
    }

    private static UsageDetails Usage(JsonElement usage)
    {
        var cached = usage.TryGetProperty("input_tokens_details", out var input) ? Num(input, "cached_tokens") : null;
        var reasoning = usage.TryGetProperty("output_tokens_details", out var output) ? Num(output, "reasoning_tokens") : null;
        return new UsageDetails
        {
            InputTokenCount = Num(usage, "input_tokens"),
            OutputTokenCount = Num(usage, "output_tokens"),
            TotalTokenCount = Num(usage, "total_tokens"),
            CachedInputTokenCount = cached,
            ReasoningTokenCount = reasoning,
        };
    }

    private ChatResponseUpdate Update(AIContent content) => new(ChatRole.Assistant, [content])
    {
        ResponseId = _responseId,
        MessageId = _responseId,
        ModelId = _model,
    };

    /// <summary>Calls are tracked by item id, else by output index (events carry one or both).</summary>
    private static string Key(JsonElement root, JsonElement item) =>
        (item.ValueKind == JsonValueKind.Object ? Str(item, "id") : null) ?? Str(root, "item_id")
        ?? (root.TryGetProperty("output_index", out var i) && i.ValueKind == JsonValueKind.Number ? "#" + i.GetRawText() : "");

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private sealed class PendingCall(string callId, string name)
    {
        public string CallId { get; } = callId;

        public string Name { get; } = name;

        public StringBuilder Arguments { get; } = new();
    }
}
