using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Providers.Http;

namespace Wright.Providers.OpenAIResponses;

public sealed partial class OpenAIResponsesChatClient
{
    /// <summary>
    /// Builds the request body. The conversation is sent whole every time (no <c>previous_response_id</c>), so nothing
    /// depends on what OpenAI stored: tool calls go back as <c>function_call</c> items under their <c>call_id</c>, and
    /// reasoning items are not sent back (referring to them needs server-side storage, which expires and is off for
    /// zero-data-retention keys; the model reasons afresh).
    /// </summary>
    internal byte[] BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", options?.ModelId ?? _options.Model);
            w.WriteBoolean("stream", true);
            if (options?.MaxOutputTokens is { } max)
                w.WriteNumber("max_output_tokens", max);
            if (options?.Temperature is { } temperature)
                w.WriteNumber("temperature", temperature);
            if (options?.TopP is { } topP)
                w.WriteNumber("top_p", topP);
            if (options?.Reasoning?.Effort is { } effort && effort != ReasoningEffort.None)
            {
                w.WriteStartObject("reasoning");
                w.WriteString("effort", effort switch
                {
                    ReasoningEffort.Low => "low",
                    ReasoningEffort.Medium => "medium",
                    ReasoningEffort.ExtraHigh => "xhigh",
                    _ => "high",
                });
                w.WriteEndObject();
            }

            w.WriteStartArray("input");
            foreach (var message in messages)
                WriteItems(w, message);
            w.WriteEndArray();

            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
            if (tools.Count > 0)
            {
                w.WriteStartArray("tools");
                foreach (var tool in tools)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "function");
                    w.WriteString("name", tool.Name);
                    w.WriteString("description", tool.Description);
                    w.WritePropertyName("parameters");
                    tool.JsonSchema.WriteTo(w);
                    // The Responses API makes function tools strict unless told otherwise; Wright's schemas are not
                    // written for strict mode (optional properties), and the SDK client sent false as well.
                    w.WriteBoolean("strict", false);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteItems(Utf8JsonWriter w, ChatMessage message)
    {
        if (message.Role == ChatRole.Tool)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                w.WriteStartObject();
                w.WriteString("type", "function_call_output");
                w.WriteString("call_id", result.CallId);
                w.WriteString("output", JsonArguments.ResultText(result));
                w.WriteEndObject();
            }

            return;
        }

        var role = message.Role == ChatRole.System ? "system" : message.Role == ChatRole.Assistant ? "assistant" : "user";
        var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
        var images = role == "user" ? message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).ToList() : [];
        var calls = role == "assistant" ? message.Contents.OfType<FunctionCallContent>().ToList() : [];
        if (text.Length > 0 || images.Count > 0 || calls.Count == 0)
        {
            w.WriteStartObject();
            w.WriteString("role", role);
            if (images.Count == 0)
            {
                w.WriteString("content", text);
            }
            else
            {
                w.WriteStartArray("content");
                if (text.Length > 0)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "input_text");
                    w.WriteString("text", text);
                    w.WriteEndObject();
                }

                foreach (var image in images)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "input_image");
                    w.WriteString("image_url", image.Uri);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        foreach (var call in calls)
        {
            w.WriteStartObject();
            w.WriteString("type", "function_call");
            w.WriteString("call_id", call.CallId);
            w.WriteString("name", call.Name);
            w.WriteString("arguments", JsonArguments.ToJson(call.Arguments));
            w.WriteEndObject();
        }
    }
}
