using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.OpenAIResponses;
using Wright.Tests.Support;

namespace Wright.Tests.Providers.OpenAIResponses;

/// <summary>
/// Wright's own Responses API client (it replaced the OpenAI SDK). The recorded real streams (refusal, error events,
/// HTTP errors) are replayed in Providers/Streams; aimock's tool trajectory in E2E/ProviderTrajectoryTests. These cover
/// the request it writes and a reasoning + tool-call stream in the shape of OpenAI's streaming reference.
/// </summary>
public sealed class OpenAIResponsesChatClientTests
{
    private const string ToolCallStream = """
        event: response.created
        data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","model":"gpt-5-2025-08-07","output":[],"usage":null}}

        event: response.output_item.added
        data: {"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}

        event: response.reasoning_summary_text.delta
        data: {"type":"response.reasoning_summary_text.delta","sequence_number":2,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Need the weather."}

        event: response.output_item.done
        data: {"type":"response.output_item.done","sequence_number":3,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Need the weather."}]}}

        event: response.output_item.added
        data: {"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_abc","name":"get_weather"}}

        event: response.function_call_arguments.delta
        data: {"type":"response.function_call_arguments.delta","sequence_number":5,"item_id":"fc_1","output_index":1,"delta":"{\"location\":"}

        event: response.function_call_arguments.delta
        data: {"type":"response.function_call_arguments.delta","sequence_number":6,"item_id":"fc_1","output_index":1,"delta":"\"Paris\"}"}

        event: response.function_call_arguments.done
        data: {"type":"response.function_call_arguments.done","sequence_number":7,"item_id":"fc_1","output_index":1,"arguments":"{\"location\":\"Paris\"}"}

        event: response.output_item.done
        data: {"type":"response.output_item.done","sequence_number":8,"output_index":1,"item":{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"location\":\"Paris\"}","call_id":"call_abc","name":"get_weather"}}

        event: response.completed
        data: {"type":"response.completed","sequence_number":9,"response":{"id":"resp_1","object":"response","status":"completed","model":"gpt-5-2025-08-07","usage":{"input_tokens":120,"input_tokens_details":{"cached_tokens":64},"output_tokens":30,"output_tokens_details":{"reasoning_tokens":12},"total_tokens":150}}}


        """;

    private static OpenAIResponsesChatClient Client(ReplayHandler handler) =>
        new(new HttpClient(handler), new OpenAIResponsesClientOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:1/v1/"), ApiKey = "k", Model = "gpt-5", ProviderName = "openai",
            Headers = new Dictionary<string, string> { ["OpenAI-Organization"] = "org-1" },
        });

    private static async Task<List<ChatResponseUpdate>> Stream(IChatClient client, IList<ChatMessage>? messages = null, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync(messages ?? [new ChatMessage(ChatRole.User, "hello")], options, TestContext.Current.CancellationToken))
            updates.Add(u);
        return updates;
    }

    [Fact]
    public async Task A_reasoning_and_tool_call_stream_becomes_reasoning_one_call_usage_and_tool_calls()
    {
        var response = (await Stream(Client(ReplayHandler.Sse(ToolCallStream)))).ToChatResponse();

        Assert.Equal("Need the weather.", string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_abc", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments!["location"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("gpt-5-2025-08-07", response.ModelId);
        Assert.Equal(120, response.Usage!.InputTokenCount);
        Assert.Equal(64, response.Usage.CachedInputTokenCount);
        Assert.Equal(30, response.Usage.OutputTokenCount);
        Assert.Equal(12, response.Usage.ReasoningTokenCount);
    }

    [Fact]
    public async Task The_request_threads_calls_and_results_by_call_id_with_non_strict_tools_and_the_effort()
    {
        var handler = ReplayHandler.Sse(ToolCallStream);
        var call = new FunctionCallContent("call_abc", "get_weather", new Dictionary<string, object?> { ["location"] = "Paris" });
        var history = new List<ChatMessage>
        {
            new(ChatRole.System, "sys"),
            new(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]),
            new(ChatRole.Assistant, [new TextReasoningContent("Need the weather."), new TextContent("Looking."), call]),
            new(ChatRole.Tool, [new FunctionResultContent("call_abc", "sunny")]),
        };
        var tool = AIFunctionFactory.CreateDeclaration("get_weather", "weather", JsonDocument.Parse("""{"type":"object"}""").RootElement);
        await Stream(Client(handler), history, new ChatOptions
        {
            Tools = [tool], MaxOutputTokens = 2000, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low },
        });

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:1/v1/responses", request.RequestUri!.ToString());
        Assert.Equal("Bearer k", request.Headers.Authorization!.ToString());
        Assert.Equal("org-1", request.Headers.GetValues("OpenAI-Organization").Single());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("gpt-5", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("stream").GetBoolean());
        Assert.Equal(2000, root.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal("low", root.GetProperty("reasoning").GetProperty("effort").GetString());
        var input = root.GetProperty("input");
        Assert.Equal(5, input.GetArrayLength());
        Assert.Equal("system", input[0].GetProperty("role").GetString());
        Assert.Equal("sys", input[0].GetProperty("content").GetString());
        Assert.Equal("input_text", input[1].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.StartsWith("data:image/png;base64,", input[1].GetProperty("content")[1].GetProperty("image_url").GetString());
        Assert.Equal("assistant", input[2].GetProperty("role").GetString());
        Assert.Equal("Looking.", input[2].GetProperty("content").GetString());
        Assert.Equal("function_call", input[3].GetProperty("type").GetString());
        Assert.Equal("call_abc", input[3].GetProperty("call_id").GetString());
        Assert.Equal("""{"location":"Paris"}""", input[3].GetProperty("arguments").GetString());
        Assert.False(input[3].TryGetProperty("id", out _));
        Assert.Equal("function_call_output", input[4].GetProperty("type").GetString());
        Assert.Equal("call_abc", input[4].GetProperty("call_id").GetString());
        Assert.Equal("sunny", input[4].GetProperty("output").GetString());
        var sentTool = root.GetProperty("tools")[0];
        Assert.Equal("function", sentTool.GetProperty("type").GetString());
        Assert.Equal("get_weather", sentTool.GetProperty("name").GetString());
        Assert.False(sentTool.GetProperty("strict").GetBoolean());
        Assert.Equal("object", sentTool.GetProperty("parameters").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_stream_that_ends_before_response_completed_is_reported_as_cut()
    {
        var cut = ToolCallStream[..ToolCallStream.IndexOf("event: response.completed", StringComparison.Ordinal)];
        var ex = await Assert.ThrowsAsync<ProviderException>(() => Stream(Client(ReplayHandler.Sse(cut))));

        Assert.Equal(ErrorKind.StreamInterrupted, ex.Kind);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task An_incomplete_response_ends_with_the_reason_it_was_cut_short()
    {
        const string stream = """
            data: {"type":"response.created","response":{"id":"resp_2","model":"gpt-5","status":"in_progress"}}

            data: {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hel"}

            data: {"type":"response.incomplete","response":{"id":"resp_2","model":"gpt-5","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"output_tokens":3,"total_tokens":8}}}


            """;
        var response = (await Stream(Client(ReplayHandler.Sse(stream)))).ToChatResponse();

        Assert.Equal("Hel", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(3, response.Usage!.OutputTokenCount);
    }
}
