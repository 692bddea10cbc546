using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Providers.Http;

namespace Wright.Providers.OpenAICompatible;

public sealed partial class OpenAICompatibleChatClient
{
    /// <summary>Builds the request body.</summary>
    internal byte[] BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var origin = Origin(options);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", options?.ModelId ?? _options.Model);
            w.WriteBoolean("stream", true);
            w.WriteStartObject("stream_options");
            w.WriteBoolean("include_usage", true);
            w.WriteEndObject();
            if ((options?.MaxOutputTokens ?? _options.MaxOutputTokens) is { } max)
                w.WriteNumber(_options.OpenAI ? "max_completion_tokens" : "max_tokens", max);
            if (options?.Temperature is { } temperature)
                w.WriteNumber("temperature", temperature);
            if (options?.TopP is { } topP)
                w.WriteNumber("top_p", topP);
            if (options?.Reasoning?.Effort is { } effort && effort != ReasoningEffort.None)
            {
                if (_options.SendReasoningEffort)
                {
                    w.WriteString("reasoning_effort", effort == ReasoningEffort.Low ? "low" : effort == ReasoningEffort.Medium ? "medium" : "high");
                }
                else if (_options.Thinking == VendorThinking.Qwen)
                {
                    w.WriteBoolean("enable_thinking", true);
                    w.WriteNumber("thinking_budget", Anthropic.AnthropicRequestWriter.ThinkingBudget(effort) ?? 8192);
                }
                else if (_options.Thinking == VendorThinking.Zhipu)
                {
                    w.WriteStartObject("thinking");
                    w.WriteString("type", "enabled");
                    w.WriteEndObject();
                }
            }

            w.WriteStartArray("messages");
            foreach (var message in messages)
                WriteMessage(w, message, _options.OpenAI, origin);
            w.WriteEndArray();

            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
            if (tools.Count > 0)
            {
                w.WriteStartArray("tools");
                foreach (var tool in tools)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "function");
                    w.WriteStartObject("function");
                    w.WriteString("name", tool.Name);
                    w.WriteString("description", tool.Description);
                    w.WritePropertyName("parameters");
                    tool.JsonSchema.WriteTo(w);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The origin of reasoning this client makes (<see cref="ReasoningOrigin"/>): only that is sent back as <c>reasoning_content</c>.</summary>
    internal string Origin(ChatOptions? options) => ReasoningOrigin.Of("chat", _options.BaseUrl, options?.ModelId ?? _options.Model);

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message, bool openAI, string origin)
    {
        if (message.Role == ChatRole.Tool)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                w.WriteStartObject();
                w.WriteString("role", "tool");
                w.WriteString("tool_call_id", result.CallId);
                w.WriteString("content", JsonArguments.ResultText(result));
                w.WriteEndObject();
            }

            return;
        }

        w.WriteStartObject();
        var role = message.Role == ChatRole.System ? "system" : message.Role == ChatRole.Assistant ? "assistant" : "user";
        w.WriteString("role", role);
        var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
        var images = message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).ToList();
        if (role == "assistant")
        {
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            if (text.Length > 0 || calls.Count == 0)
                w.WriteString("content", text);
            else
                w.WriteNull("content");
            var reasoning = string.Concat(message.Contents.OfType<TextReasoningContent>().Where(r => ReasoningOrigin.IsFrom(r, origin)).Select(r => r.Text));
            if (reasoning.Length > 0 && !openAI)
                w.WriteString("reasoning_content", reasoning);
            if (calls.Count > 0)
            {
                w.WriteStartArray("tool_calls");
                foreach (var call in calls)
                {
                    w.WriteStartObject();
                    w.WriteString("id", call.CallId);
                    w.WriteString("type", "function");
                    w.WriteStartObject("function");
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", JsonArguments.ToJson(call.Arguments));
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
        }
        else if (images.Count == 0)
        {
            w.WriteString("content", text);
        }
        else
        {
            w.WriteStartArray("content");
            if (text.Length > 0)
            {
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("text", text);
                w.WriteEndObject();
            }

            foreach (var image in images)
            {
                w.WriteStartObject();
                w.WriteString("type", "image_url");
                w.WriteStartObject("image_url");
                w.WriteString("url", image.Uri);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
