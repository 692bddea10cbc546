using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Http;
using Wright.Providers.OpenAICompatible;
using Wright.Tests.Support;

namespace Wright.Tests.Providers.OpenAICompatible;

public sealed class OpenAICompatibleChatClientTests
{
    private static OpenAICompatibleChatClient Client(ReplayHandler handler, bool effort = false) =>
        new(new HttpClient(handler), new OpenAICompatibleClientOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:1/v1/"), ApiKey = "k", Model = "deepseek-reasoner", ProviderName = "deepseek", SendReasoningEffort = effort,
        });

    private static async Task<List<ChatResponseUpdate>> Stream(IChatClient client, IList<ChatMessage>? messages = null, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync(messages ?? [new ChatMessage(ChatRole.User, "hello")], options, TestContext.Current.CancellationToken))
            updates.Add(u);
        return updates;
    }

    [Fact]
    public async Task Recorded_deepseek_stream_surfaces_reasoning_and_usage()
    {
        var updates = await Stream(Client(ReplayHandler.Sse(ReplayHandler.Fixture("openai-chat/deepseek-reasoner.sse"))));
        var response = updates.ToChatResponse();

        Assert.Equal("好的，", string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("你好！", response.Text);
        Assert.Equal(6, response.Usage!.InputTokenCount);
        Assert.Equal(92, response.Usage.OutputTokenCount);
        Assert.Equal(81, response.Usage.ReasoningTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Streamed_tool_call_pieces_become_one_call_and_reasoning_goes_back()
    {
        var handler = ReplayHandler.Sse(ReplayHandler.Fixture("openai-chat/tool-call.sse"), ReplayHandler.Fixture("openai-chat/deepseek-reasoner.sse"));
        var client = Client(handler, effort: true);
        var first = (await Stream(client)).ToChatResponse();
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_DdmO9pD3xa9XTPNJ32zg2hcA", call.CallId);
        Assert.Equal("Paris", call.Arguments!["location"]?.ToString());
        Assert.Equal(64, first.Usage!.CachedInputTokenCount);

        var assistant = new ChatMessage(ChatRole.Assistant, [ReasoningOrigin.Stamp(new TextReasoningContent("I need the weather."), client.Origin(null)), call]);
        var history = new List<ChatMessage>
        {
            new(ChatRole.System, "sys"),
            new(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]),
            assistant,
            new(ChatRole.Tool, [new FunctionResultContent(call.CallId, "sunny")]),
        };
        var tool = AIFunctionFactory.CreateDeclaration("get_weather", "weather", JsonDocument.Parse("""{"type":"object"}""").RootElement);
        await Stream(client, history, new ChatOptions { Tools = [tool], Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } });

        var (request, body) = handler.Requests[1];
        Assert.Equal("http://127.0.0.1:1/v1/chat/completions", request.RequestUri!.ToString());
        Assert.Equal("Bearer k", request.Headers.Authorization!.ToString());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal("high", root.GetProperty("reasoning_effort").GetString());
        var sent = root.GetProperty("messages");
        Assert.Equal("image_url", sent[1].GetProperty("content")[1].GetProperty("type").GetString());
        Assert.StartsWith("data:image/png;base64,", sent[1].GetProperty("content")[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("I need the weather.", sent[2].GetProperty("reasoning_content").GetString());
        Assert.Equal(JsonValueKind.Null, sent[2].GetProperty("content").ValueKind);
        Assert.Equal("""{"location":"Paris"}""", sent[2].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool", sent[3].GetProperty("role").GetString());
        Assert.Equal("call_DdmO9pD3xa9XTPNJ32zg2hcA", sent[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("get_weather", root.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Calls_sent_whole_in_one_chunk_without_index_work()
    {
        const string sse = """
            data: {"id":"g1","model":"gemini-2.5-flash","choices":[{"delta":{"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"{\"x\":1}"}},{"id":"b","type":"function","function":{"name":"g","arguments":"{}"}}]},"finish_reason":"tool_calls","index":0}]}

            data: [DONE]


            """;
        var response = (await Stream(Client(ReplayHandler.Sse(sse)))).ToChatResponse();
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();

        Assert.Equal(["a", "b"], calls.Select(c => c.CallId));
        Assert.Equal(["f", "g"], calls.Select(c => c.Name));
    }

    [Fact]
    public async Task Cut_streams_mid_stream_errors_and_http_errors_are_clear()
    {
        var full = ReplayHandler.Fixture("openai-chat/tool-call.sse");
        var cut = await Assert.ThrowsAsync<ProviderException>(() => Stream(Client(ReplayHandler.Sse(full[..(full.IndexOf("Paris", StringComparison.Ordinal) + 40)]))));
        Assert.Equal(ErrorKind.StreamInterrupted, cut.Kind);

        var midStream = await Assert.ThrowsAsync<ProviderException>(() => Stream(Client(ReplayHandler.Sse("data: {\"error\":{\"message\":\"Rate limit reached for requests\"}}\n\n"))));
        Assert.Equal(ErrorKind.RateLimited, midStream.Kind);

        var handler = new ReplayHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"error":{"message":"This model's maximum context length is 65536 tokens","code":"context_length_exceeded"}}"""),
        });
        var overflow = await Assert.ThrowsAsync<ProviderException>(() => Stream(Client(handler)));
        Assert.Equal(ErrorKind.ContextOverflow, overflow.Kind);
    }

    [Fact]
    public async Task Malformed_tool_arguments_set_the_exception()
    {
        var sse = ReplayHandler.Fixture("openai-chat/tool-call.sse").Replace("\\\"}\"}}]}", "\"}}]}", StringComparison.Ordinal);
        var response = (await Stream(Client(ReplayHandler.Sse(sse)))).ToChatResponse();
        Assert.NotNull(Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()).Exception);
    }

    [Fact]
    public async Task OpenAIs_own_chat_gets_max_completion_tokens_and_no_reasoning_content()
    {
        var handler = ReplayHandler.Sse(ReplayHandler.Fixture("openai-chat/tool-call.sse"));
        var client = new OpenAICompatibleChatClient(new HttpClient(handler), new OpenAICompatibleClientOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:1/v1"), ApiKey = "k", Model = "gpt-5", ProviderName = "openai-chat", OpenAI = true,
        });
        var history = new List<ChatMessage>
        {
            new(ChatRole.User, "hi"),
            new(ChatRole.Assistant, [new TextReasoningContent("another vendor's thought"), new TextContent("hello")]),
            new(ChatRole.User, "again"),
        };
        await Stream(client, history, new ChatOptions { MaxOutputTokens = 500 });

        using var doc = JsonDocument.Parse(handler.Requests[0].Body);
        var root = doc.RootElement;
        Assert.Equal(500, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(root.TryGetProperty("max_tokens", out _));
        Assert.False(root.GetProperty("messages")[1].TryGetProperty("reasoning_content", out _));
        Assert.Equal("hello", root.GetProperty("messages")[1].GetProperty("content").GetString());
    }
}
