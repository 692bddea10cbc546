using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Providers.Http;

namespace Wright.Providers.OpenAIResponses;

public sealed partial class OpenAIResponsesChatClient
{
    /// <summary>
    /// Builds the request body. The conversation is sent whole every time (no <c>previous_response_id</c>) with
    /// <c>store: false</c>, so nothing depends on what OpenAI stored: tool calls go back as <c>function_call</c> items
    /// under their <c>call_id</c>, and a reasoning model's reasoning items go back whole — id, summary and the
    /// <c>encrypted_content</c> asked for with <c>include</c> — before the output they preceded, so the model keeps its
    /// reasoning across tool calls (OpenAI's guide to reasoning items without storage). Only reasoning this endpoint
    /// and model made is sent (<see cref="ReasoningOrigin"/>).
    /// </summary>
    internal byte[] BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var model = options?.ModelId ?? _options.Model;
        var origin = Origin(model);
        var effort = options?.Reasoning?.Effort is { } e && e != ReasoningEffort.None ? e : (ReasoningEffort?)null;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteBoolean("stream", true);
            w.WriteBoolean("store", false);
            if (effort is not null || _options.Reasons)
            {
                // Without storage a reasoning item can only be sent back with its encrypted content. Asked only of
                // reasoning models: others refuse the include.
                w.WriteStartArray("include");
                w.WriteStringValue("reasoning.encrypted_content");
                w.WriteEndArray();
            }

            if (options?.MaxOutputTokens is { } max)
                w.WriteNumber("max_output_tokens", max);
            if (options?.Temperature is { } temperature)
                w.WriteNumber("temperature", temperature);
            if (options?.TopP is { } topP)
                w.WriteNumber("top_p", topP);
            if (effort is not null)
            {
                w.WriteStartObject("reasoning");
                w.WriteString("effort", effort switch
                {
                    ReasoningEffort.Low => "low",
                    ReasoningEffort.Medium => "medium",
                    ReasoningEffort.ExtraHigh => "xhigh",
                    _ => "high",
                });
                w.WriteString("summary", "auto");
                w.WriteEndObject();
            }

            w.WriteStartArray("input");
            foreach (var message in messages)
                WriteItems(w, message, origin);
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

    /// <summary>The origin of reasoning this client makes for <paramref name="model"/>.</summary>
    internal string Origin(string model) => ReasoningOrigin.Of("openai-responses", _options.BaseUrl, model);

    private static void WriteItems(Utf8JsonWriter w, ChatMessage message, string origin)
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

        if (message.Role == ChatRole.Assistant)
        {
            WriteAssistantItems(w, message, origin);
            return;
        }

        var role = message.Role == ChatRole.System ? "system" : "user";
        var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
        var images = role == "user" ? message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).ToList() : [];
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

    /// <summary>
    /// An assistant turn in the order it was made: reasoning items, its text as one message, function calls. A
    /// reasoning item goes back only with its encrypted content, from this origin, and when an output follows it (the
    /// API refuses a reasoning item without the item it led to).
    /// </summary>
    private static void WriteAssistantItems(Utf8JsonWriter w, ChatMessage message, string origin)
    {
        var contents = message.Contents;
        var text = string.Concat(contents.OfType<TextContent>().Select(t => t.Text));
        var calls = contents.OfType<FunctionCallContent>().ToList();
        var lastOutput = -1;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is FunctionCallContent || contents[i] is TextContent { Text.Length: > 0 })
                lastOutput = i;
        }

        var wroteText = false;
        for (var i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case TextReasoningContent { ProtectedData.Length: > 0 } reasoning when i < lastOutput && ReasoningOrigin.IsFrom(reasoning, origin):
                    WriteReasoning(w, reasoning);
                    break;
                case TextContent { Text.Length: > 0 } when !wroteText:
                    WriteAssistantText(w, text);
                    wroteText = true;
                    break;
                case FunctionCallContent call:
                    w.WriteStartObject();
                    w.WriteString("type", "function_call");
                    w.WriteString("call_id", call.CallId);
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", JsonArguments.ToJson(call.Arguments));
                    w.WriteEndObject();
                    break;
            }
        }

        if (!wroteText && calls.Count == 0)
            WriteAssistantText(w, text);
    }

    private static void WriteAssistantText(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("role", "assistant");
        w.WriteString("content", text);
        w.WriteEndObject();
    }

    private static void WriteReasoning(Utf8JsonWriter w, TextReasoningContent reasoning)
    {
        w.WriteStartObject();
        w.WriteString("type", "reasoning");
        if (ReasoningOrigin.Property(reasoning, OpenAIResponsesStreamState.ReasoningIdKey) is { Length: > 0 } id)
            w.WriteString("id", id);
        w.WriteString("encrypted_content", reasoning.ProtectedData);
        w.WriteStartArray("summary");
        if (!string.IsNullOrEmpty(reasoning.Text))
        {
            w.WriteStartObject();
            w.WriteString("type", "summary_text");
            w.WriteString("text", reasoning.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
