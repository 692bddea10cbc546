using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;

namespace Wright.Providers.OpenAIResponses;

/// <summary>
/// Turns Responses API stream events into <see cref="ChatResponseUpdate"/>s. A reasoning item becomes its summary
/// deltas (parts apart by a blank line) and, at <c>response.output_item.done</c>, a content holding its
/// <c>encrypted_content</c> as <see cref="TextReasoningContent.ProtectedData"/>; every one of them carries the item's id
/// (<see cref="ReasoningIdKey"/>) and the <paramref name="origin"/> (<see cref="ReasoningOrigin"/>), so that
/// <c>ToChatResponse()</c> coalesces them into one content with the summary, the id and the encrypted content, which
/// the request writer sends back as the reasoning item.
/// </summary>
internal sealed class OpenAIResponsesStreamState(string providerName, string origin)
{
    /// <summary>The additional-property key of a reasoning item's id (<c>rs_…</c>).</summary>
    internal const string ReasoningIdKey = "openai.reasoning_id";

    private readonly Dictionary<string, PendingCall> _calls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reasoningWithText = new(StringComparer.Ordinal);
    private string? _responseId;
    private string? _model;
    private bool _sawCall;
    private bool _sawText;

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
                _sawText = true;
                return [Update(new TextContent(text))];
            case "response.refusal.delta" when Str(root, "delta") is { Length: > 0 } refusal:
                return [Update(new RefusalContent(refusal))];
            case "response.reasoning_summary_part.added" when Num(root, "summary_index") > 0 && Str(root, "item_id") is { } item
                && _reasoningWithText.Contains(item):
                // Parts of one summary are paragraphs apart, as OpenAI's own apps show them.
                return [Update(Reasoning("\n\n", item))];
            case "response.reasoning_summary_text.delta" or "response.reasoning_text.delta" when Str(root, "delta") is { Length: > 0 } reasoning:
            {
                var item = Str(root, "item_id");
                if (item is not null)
                    _reasoningWithText.Add(item);
                return [Update(Reasoning(reasoning, item))];
            }

            case "response.output_item.added":
                if (root.TryGetProperty("item", out var added) && Str(added, "type") == "function_call")
                    _calls[Key(root, added)] = new PendingCall(Str(added, "call_id") ?? Str(added, "id") ?? "", Str(added, "name") ?? "");
                return [];
            case "response.function_call_arguments.delta":
                if (_calls.TryGetValue(Key(root, default), out var pending))
                    pending.Arguments.Append(Str(root, "delta"));
                return [];
            case "response.output_item.done" when root.TryGetProperty("item", out var done):
                return Str(done, "type") switch
                {
                    "function_call" => CallDone(root, done),
                    "reasoning" => ReasoningDone(done),
                    _ => [],
                };
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

    /// <summary>
    /// The finished reasoning item: its encrypted content (kept to be sent back; without it the item cannot be
    /// referred to by a stateless request), and its summary when no delta streamed it.
    /// </summary>
    private ChatResponseUpdate[] ReasoningDone(JsonElement item)
    {
        var id = Str(item, "id");
        var text = "";
        if ((id is null || !_reasoningWithText.Contains(id)) && item.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Array)
            text = string.Join("\n\n", summary.EnumerateArray().Select(p => Str(p, "text")).Where(t => !string.IsNullOrEmpty(t)));
        var encrypted = Str(item, "encrypted_content");
        if (string.IsNullOrEmpty(encrypted) && text.Length == 0)
            return [];
        var content = Reasoning(text, id);
        if (!string.IsNullOrEmpty(encrypted))
            content.ProtectedData = encrypted;
        return [Update(content)];
    }

    private TextReasoningContent Reasoning(string text, string? itemId)
    {
        var content = ReasoningOrigin.Stamp(new TextReasoningContent(text), origin);
        if (itemId is not null)
            content.AdditionalProperties![ReasoningIdKey] = itemId;
        return content;
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

        if (incomplete == "max_output_tokens" && (!_sawText && !_sawCall || _calls.Count > 0))
        {
            // Nothing usable came before the limit (the tokens went to reasoning), or a tool call was cut in half: an
            // empty or broken answer would pass for a finished one.
            var limit = response.TryGetProperty("max_output_tokens", out var m) && m.ValueKind == JsonValueKind.Number ? " (" + m.GetRawText() + ")" : "";
            throw new ProviderException(ErrorKind.BadRequest, _calls.Count > 0
                ? $"{providerName} stopped at the max_output_tokens limit{limit} in the middle of a tool call; raise max_output_tokens or lower the reasoning effort"
                : $"{providerName} stopped at the max_output_tokens limit{limit} before it answered (the tokens went to reasoning); raise max_output_tokens or lower the reasoning effort");
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
