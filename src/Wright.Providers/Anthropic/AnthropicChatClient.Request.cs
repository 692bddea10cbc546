using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Wright.Providers.Http;

namespace Wright.Providers.Anthropic;

public sealed partial class AnthropicChatClient
{
    /// <summary>Thinking budgets by effort.</summary>
    internal static int ThinkingBudget(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => 2048,
        ReasoningEffort.Medium => 8192,
        ReasoningEffort.High => 24576,
        _ => 32000,
    };

    /// <summary>Builds the request body (JsonNode, so cache breakpoints can be placed after the fact).</summary>
    internal byte[] BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var body = new JsonObject { ["model"] = options?.ModelId ?? _options.Model };
        var maxTokens = options?.MaxOutputTokens ?? _options.MaxOutputTokens;
        if (options?.Reasoning?.Effort is { } effort && effort != ReasoningEffort.None)
        {
            var budget = ThinkingBudget(effort);
            maxTokens = Math.Max(maxTokens, budget + 4096);
            body["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = budget };
        }
        else if (options?.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        body["max_tokens"] = maxTokens;
        body["stream"] = true;

        var system = new JsonArray();
        var turns = new List<(string Role, JsonArray Content)>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                foreach (var text in message.Contents.OfType<TextContent>().Where(t => t.Text.Length > 0))
                    system.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = text.Text });
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var blocks = role == "assistant" ? AssistantBlocks(message) : UserBlocks(message);
            if (blocks.Count == 0)
                continue;
            if (turns.Count > 0 && turns[^1].Role == role)
            {
                foreach (var block in blocks.ToList())
                {
                    blocks.Remove(block);
                    turns[^1].Content.Add(block);
                }
            }
            else
            {
                turns.Add((role, blocks));
            }
        }

        var breakpoints = 0;
        if (system.Count > 0)
        {
            ((JsonObject)system[^1]!)["cache_control"] = Ephemeral();
            breakpoints++;
            body["system"] = system;
        }

        var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        if (tools.Count > 0)
        {
            var array = new JsonArray();
            foreach (var tool in tools)
            {
                array.Add((JsonNode)new JsonObject
                {
                    ["name"] = tool.Name,
                    ["description"] = tool.Description,
                    ["input_schema"] = JsonNode.Parse(tool.JsonSchema.GetRawText()),
                });
            }

            ((JsonObject)array[^1]!)["cache_control"] = Ephemeral();
            breakpoints++;
            body["tools"] = array;
        }

        // The latest turns: the last block of the last two user messages (at most four breakpoints in all).
        foreach (var (_, content) in turns.Where(t => t.Role == "user").Reverse().Take(2))
        {
            if (breakpoints >= 4 || content.Count == 0)
                break;
            ((JsonObject)content[^1]!)["cache_control"] = Ephemeral();
            breakpoints++;
        }

        var messagesArray = new JsonArray();
        foreach (var (role, content) in turns)
            messagesArray.Add((JsonNode)new JsonObject { ["role"] = role, ["content"] = content });
        body["messages"] = messagesArray;

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            body.WriteTo(writer);
        return buffer.ToArray();
    }

    private static JsonObject Ephemeral() => new() { ["type"] = "ephemeral" };

    private static JsonArray UserBlocks(ChatMessage message)
    {
        var blocks = new JsonArray();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    blocks.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = text.Text });
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    blocks.Add((JsonNode)new JsonObject
                    {
                        ["type"] = "image",
                        ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = data.MediaType, ["data"] = Convert.ToBase64String(data.Data.Span) },
                    });
                    break;
                case FunctionResultContent result:
                    var output = JsonArguments.ResultText(result);
                    var block = new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = result.CallId, ["content"] = output };
                    if (output.StartsWith("Error:", StringComparison.Ordinal) || output.StartsWith("Denied:", StringComparison.Ordinal)
                        || output.StartsWith("Interrupted:", StringComparison.Ordinal))
                        block["is_error"] = true;
                    blocks.Add((JsonNode)block);
                    break;
            }
        }

        return blocks;
    }

    private static JsonArray AssistantBlocks(ChatMessage message)
    {
        var blocks = new JsonArray();
        var thinking = new System.Text.StringBuilder();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextReasoningContent reasoning:
                    thinking.Append(reasoning.Text);
                    if (reasoning.ProtectedData is { Length: > 0 } data)
                    {
                        // A signature (or redacted data) closes one thinking block.
                        blocks.Add((JsonNode)(data.StartsWith(RedactedPrefix, StringComparison.Ordinal)
                            ? new JsonObject { ["type"] = "redacted_thinking", ["data"] = data[RedactedPrefix.Length..] }
                            : new JsonObject { ["type"] = "thinking", ["thinking"] = thinking.ToString(), ["signature"] = data }));
                        thinking.Clear();
                    }

                    break;
                case TextContent { Text.Length: > 0 } text:
                    blocks.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = text.Text });
                    break;
                case FunctionCallContent call:
                    blocks.Add((JsonNode)new JsonObject
                    {
                        ["type"] = "tool_use",
                        ["id"] = call.CallId,
                        ["name"] = call.Name,
                        ["input"] = JsonNode.Parse(JsonArguments.ToJson(call.Arguments)),
                    });
                    break;
            }
        }

        return blocks;
    }
}
