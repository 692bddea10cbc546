using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Wright.Providers.Http;

namespace Wright.Providers.Anthropic;

/// <summary>Builds the JSON body of a Messages API request with <see cref="Utf8JsonWriter"/> (no reflection).</summary>
internal static class AnthropicRequestWriter
{
    /// <summary>Thinking budget per reasoning effort.</summary>
    internal static int? ThinkingBudget(ReasoningEffort? effort) => effort switch
    {
        ReasoningEffort.Low => 2048,
        ReasoningEffort.Medium => 8192,
        ReasoningEffort.High => 24576,
        ReasoningEffort.ExtraHigh => 32000,
        _ => null,
    };

    /// <summary>
    /// Marks a signed thinking block that had no text (a lone <see cref="TextReasoningContent"/>), which would otherwise
    /// read as redacted_thinking.
    /// </summary>
    internal const string ThinkingMarker = "anthropic.thinking";

    /// <summary>Tool results whose text starts with one of these are sent with <c>is_error: true</c>.</summary>
    private static readonly string[] ErrorPrefixes = ["Error:", "Denied:", "Interrupted:"];

    private const int MaxCacheBreakpoints = 4;

    /// <summary>Serialises the request.</summary>
    public static byte[] Write(IEnumerable<ChatMessage> messages, ChatOptions? options, AnthropicClientOptions client, bool stream)
    {
        var system = new List<string>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
            system.Add(options.Instructions);
        var turns = BuildTurns(messages, system, Origin(client, options));
        var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];

        var budget = ThinkingBudget(options?.Reasoning?.Effort);
        if (budget is not null && ToolLoopWithoutThinking(turns))
            budget = null;
        var maxTokens = options?.MaxOutputTokens ?? client.MaxOutputTokens;
        if (budget is { } b && maxTokens <= b)
            maxTokens = b + Math.Max(maxTokens, 4096);

        // Cache breakpoints: last tool, last system block, last block of the last two user messages.
        var breakpoints = 0;
        var cacheLastTool = tools.Count > 0 && breakpoints++ < MaxCacheBreakpoints;
        var cacheLastSystem = system.Count > 0 && breakpoints++ < MaxCacheBreakpoints;
        var userTurns = 0;
        for (var i = turns.Count - 1; i >= 0 && userTurns < 2 && breakpoints < MaxCacheBreakpoints; i--)
        {
            if (turns[i].Role != "user" || turns[i].Blocks.Count == 0)
                continue;
            turns[i].Blocks[^1].Cache = true;
            userTurns++;
            breakpoints++;
        }

        using var buffer = new MemoryStream();
        // Relaxed escaping: the body is JSON over HTTP, never embedded in HTML; keeps non-ASCII text and quotes compact.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("model", options?.ModelId ?? client.Model);
            w.WriteNumber("max_tokens", maxTokens);
            if (stream)
                w.WriteBoolean("stream", true);

            if (system.Count > 0)
            {
                w.WriteStartArray("system");
                for (var i = 0; i < system.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "text");
                    w.WriteString("text", system[i]);
                    if (cacheLastSystem && i == system.Count - 1)
                        WriteCacheControl(w);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("messages");
            foreach (var turn in turns)
            {
                w.WriteStartObject();
                w.WriteString("role", turn.Role);
                w.WriteStartArray("content");
                foreach (var block in turn.Blocks)
                    WriteBlock(w, block);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();

            if (tools.Count > 0)
            {
                w.WriteStartArray("tools");
                for (var i = 0; i < tools.Count; i++)
                {
                    var tool = tools[i];
                    w.WriteStartObject();
                    w.WriteString("name", tool.Name);
                    if (!string.IsNullOrEmpty(tool.Description))
                        w.WriteString("description", tool.Description);
                    w.WritePropertyName("input_schema");
                    if (tool.JsonSchema.ValueKind == JsonValueKind.Object)
                        tool.JsonSchema.WriteTo(w);
                    else
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "object");
                        w.WriteStartObject("properties");
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    if (cacheLastTool && i == tools.Count - 1)
                        WriteCacheControl(w);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartObject("tool_choice");
                w.WriteString("type", options?.ToolMode is NoneChatToolMode ? "none" : "auto");
                w.WriteEndObject();
            }

            if (budget is { } thinkingBudget)
            {
                w.WriteStartObject("thinking");
                w.WriteString("type", "enabled");
                w.WriteNumber("budget_tokens", thinkingBudget);
                w.WriteEndObject();
            }
            else if (options?.Temperature is { } temperature)
            {
                w.WriteNumber("temperature", temperature);
            }

            if (options?.StopSequences is { Count: > 0 } stops)
            {
                w.WriteStartArray("stop_sequences");
                foreach (var s in stops)
                    w.WriteStringValue(s);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The origin of the reasoning this client makes (<see cref="ReasoningOrigin"/>).</summary>
    internal static string Origin(AnthropicClientOptions client, ChatOptions? options) =>
        ReasoningOrigin.Of("anthropic", client.BaseUrl, options?.ModelId ?? client.Model);

    /// <summary>
    /// Whether the request continues a tool loop whose assistant turn has no thinking block — it was made by another
    /// model or provider (a fallback, a switch) or without thinking. With thinking on, the API refuses that ("a final
    /// assistant message must start with a thinking block"), so the request goes without thinking, as it advises.
    /// </summary>
    internal static bool ToolLoopWithoutThinking(List<Turn> turns) =>
        turns.Count >= 2 && turns[^1].Role == "user" && turns[^1].Blocks.Any(b => b.Type == "tool_result")
        && turns[^2].Role == "assistant" && turns[^2].Blocks.Count > 0 && turns[^2].Blocks[0].Type is not ("thinking" or "redacted_thinking");

    /// <summary>
    /// Maps the history to alternating user/assistant turns; system text goes to <paramref name="system"/>. Thinking
    /// blocks are sent only when <paramref name="origin"/> made them.
    /// </summary>
    internal static List<Turn> BuildTurns(IEnumerable<ChatMessage> messages, List<string> system, string origin)
    {
        var turns = new List<Turn>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                foreach (var text in message.Contents.OfType<TextContent>())
                {
                    if (!string.IsNullOrWhiteSpace(text.Text))
                        system.Add(text.Text);
                }

                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var blocks = new List<Block>();
            foreach (var content in message.Contents)
            {
                if (ToBlock(content, role, origin) is { } block)
                    blocks.Add(block);
            }

            if (blocks.Count == 0)
                continue;
            if (turns.Count > 0 && turns[^1].Role == role)
                turns[^1].Blocks.AddRange(blocks);
            else
                turns.Add(new Turn(role, blocks));
        }

        // The API wants tool results first in a user turn (a merged turn may have text before them).
        foreach (var turn in turns.Where(t => t.Role == "user"))
        {
            var ordered = turn.Blocks.Where(b => b.Type == "tool_result").Concat(turn.Blocks.Where(b => b.Type != "tool_result")).ToList();
            turn.Blocks.Clear();
            turn.Blocks.AddRange(ordered);
        }

        return turns;
    }

    private static Block? ToBlock(AIContent content, string role, string origin) => content switch
    {
        TextContent { Text.Length: > 0 } t when !string.IsNullOrWhiteSpace(t.Text) => new Block("text") { Text = t.Text },
        TextReasoningContent r when role == "assistant" && !string.IsNullOrEmpty(r.ProtectedData) && ReasoningOrigin.IsFrom(r, origin) =>
            string.IsNullOrEmpty(r.Text) && r.AdditionalProperties?.ContainsKey(ThinkingMarker) != true
            ? new Block("redacted_thinking") { Data = r.ProtectedData }
            : new Block("thinking") { Text = r.Text, Signature = r.ProtectedData },
        FunctionCallContent call when role == "assistant" => new Block("tool_use") { Id = call.CallId, Name = call.Name, Input = call.Arguments },
        FunctionResultContent result when role == "user" => ToolResult(result),
        DataContent data when data.HasTopLevelMediaType("image") && role == "user" =>
            new Block("image") { MediaType = data.MediaType, Base64 = Convert.ToBase64String(data.Data.Span) },
        DataContent data when data.MediaType == "application/pdf" && role == "user" =>
            new Block("document") { MediaType = data.MediaType, Base64 = Convert.ToBase64String(data.Data.Span) },
        UriContent uri when uri.HasTopLevelMediaType("image") && role == "user" => new Block("image") { Url = uri.Uri.ToString() },
        _ => null,
    };

    private static Block ToolResult(FunctionResultContent result)
    {
        var text = result.Result switch
        {
            null => "",
            string s => s,
            JsonElement e when e.ValueKind == JsonValueKind.String => e.GetString() ?? "",
            JsonElement e => e.GetRawText(),
            _ => Convert.ToString(result.Result, CultureInfo.InvariantCulture) ?? "",
        };
        var isError = result.Exception is not null || ErrorPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal));
        return new Block("tool_result") { Id = result.CallId, Text = text, IsError = isError };
    }

    private static void WriteBlock(Utf8JsonWriter w, Block block)
    {
        w.WriteStartObject();
        w.WriteString("type", block.Type);
        switch (block.Type)
        {
            case "text":
                w.WriteString("text", block.Text);
                break;
            case "thinking":
                w.WriteString("thinking", block.Text ?? "");
                w.WriteString("signature", block.Signature);
                break;
            case "redacted_thinking":
                w.WriteString("data", block.Data);
                break;
            case "tool_use":
                w.WriteString("id", block.Id);
                w.WriteString("name", block.Name);
                w.WritePropertyName("input");
                WriteObject(w, block.Input);
                break;
            case "tool_result":
                w.WriteString("tool_use_id", block.Id);
                w.WriteString("content", block.Text);
                if (block.IsError)
                    w.WriteBoolean("is_error", true);
                break;
            case "image" or "document":
                w.WriteStartObject("source");
                if (block.Url is not null)
                {
                    w.WriteString("type", "url");
                    w.WriteString("url", block.Url);
                }
                else
                {
                    w.WriteString("type", "base64");
                    w.WriteString("media_type", block.MediaType);
                    w.WriteString("data", block.Base64);
                }

                w.WriteEndObject();
                break;
        }

        if (block.Cache)
            WriteCacheControl(w);
        w.WriteEndObject();
    }

    private static void WriteCacheControl(Utf8JsonWriter w)
    {
        w.WriteStartObject("cache_control");
        w.WriteString("type", "ephemeral");
        w.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter w, IDictionary<string, object?>? values)
    {
        w.WriteStartObject();
        if (values is not null)
        {
            foreach (var (key, value) in values)
            {
                w.WritePropertyName(key);
                WriteValue(w, value);
            }
        }

        w.WriteEndObject();
    }

    /// <summary>Writes an argument value; covers what parsers and tests put in argument dictionaries.</summary>
    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonElement e:
                e.WriteTo(w);
                break;
            case JsonNode node:
                node.WriteTo(w);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool flag:
                w.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                w.WriteNumberValue(u);
                break;
            case double or float:
                w.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case decimal d:
                w.WriteNumberValue(d);
                break;
            case IDictionary<string, object?> dict:
                WriteObject(w, dict);
                break;
            case IEnumerable items:
                w.WriteStartArray();
                foreach (var item in items)
                    WriteValue(w, item);
                w.WriteEndArray();
                break;
            default:
                WriteFallback(w, value);
                break;
        }
    }

    private static void WriteFallback(Utf8JsonWriter w, object value)
    {
        byte[]? json = null;
        try
        {
            // Source-generated metadata for the types M.E.AI knows; others are not supported under NativeAOT.
            json = JsonSerializer.SerializeToUtf8Bytes(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
        {
            // Fall through to the string form.
        }

        if (json is null)
            w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
        else
            w.WriteRawValue(json);
    }

    /// <summary>One API message.</summary>
    internal sealed record Turn(string Role, List<Block> Blocks);

    /// <summary>One content block of an API message.</summary>
    internal sealed class Block(string type)
    {
        public string Type { get; } = type;
        public string? Text { get; init; }
        public string? Signature { get; init; }
        public string? Data { get; init; }
        public string? Id { get; init; }
        public string? Name { get; init; }
        public IDictionary<string, object?>? Input { get; init; }
        public string? MediaType { get; init; }
        public string? Base64 { get; init; }
        public string? Url { get; init; }
        public bool IsError { get; init; }
        public bool Cache { get; set; }
    }
}
