using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Wright.Acp.Updates;

/// <summary>
/// A stored conversation as the <c>session/update</c>s that would have shown it: the person's messages as user chunks,
/// the model's text and reasoning as agent chunks, each tool call as <c>tool_call</c> with its result as a completed
/// <c>tool_call_update</c>. System messages (instructions) are not part of the conversation the person saw.
/// </summary>
internal static class HistoryReplay
{
    private const int MaxOutputChars = 16 * 1024;

    public static IEnumerable<JsonObject> Render(IEnumerable<ChatMessage> messages, string workspace)
    {
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
                continue;
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text:
                        yield return EventRenderer.Chunk(message.Role == ChatRole.User ? "user_message_chunk" : "agent_message_chunk", text.Text);
                        break;
                    case TextReasoningContent { Text.Length: > 0 } reasoning:
                        yield return EventRenderer.Chunk("agent_thought_chunk", reasoning.Text);
                        break;
                    case FunctionCallContent call:
                        var arguments = Arguments(call.Arguments);
                        var view = ToolCallView.Of(call.Name, arguments.ToJsonString(), workspace, withDiff: false);
                        yield return new JsonObject
                        {
                            ["sessionUpdate"] = "tool_call",
                            ["toolCallId"] = call.CallId,
                            ["title"] = view.Title,
                            ["kind"] = view.Kind,
                            ["status"] = "pending",
                            ["rawInput"] = arguments,
                            ["locations"] = view.Locations.DeepClone(),
                        };
                        break;
                    case FunctionResultContent result:
                        var output = result.Result?.ToString() ?? "";
                        if (output.Length > MaxOutputChars)
                            output = output[..MaxOutputChars] + "\n…";
                        yield return new JsonObject
                        {
                            ["sessionUpdate"] = "tool_call_update",
                            ["toolCallId"] = result.CallId,
                            ["status"] = "completed",
                            ["content"] = new JsonArray((JsonNode)ToolCallView.Text(output)),
                        };
                        break;
                }
            }
        }
    }

    private static JsonObject Arguments(IDictionary<string, object?>? arguments)
    {
        var result = new JsonObject();
        foreach (var (key, value) in arguments ?? new Dictionary<string, object?>())
        {
            result[key] = value switch
            {
                null => null,
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                JsonNode node => node.DeepClone(),
                string s => s,
                bool b => b,
                int i => i,
                long l => l,
                double d => d,
                _ => value.ToString(),
            };
        }

        return result;
    }
}
