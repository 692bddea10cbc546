using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Anthropic;
using Wright.Tests.Support;

namespace Wright.Tests.Providers.Anthropic;

/// <summary>Replays real recorded Anthropic streams (Fixtures/README.md) through the client.</summary>
public sealed class AnthropicChatClientTests
{
    private static AnthropicChatClient Client(ReplayHandler handler, string baseUrl = "https://api.anthropic.com") =>
        new(new HttpClient(handler), new AnthropicClientOptions { BaseUrl = new Uri(baseUrl), ApiKey = "sk-ant-test", Model = "claude-sonnet-4-5" });

    private static async Task<List<ChatResponseUpdate>> Stream(IChatClient client, IList<ChatMessage>? messages = null, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync(messages ?? [new ChatMessage(ChatRole.User, "hey")], options, TestContext.Current.CancellationToken))
            updates.Add(u);
        return updates;
    }

    [Fact]
    public async Task Recorded_tool_use_stream_yields_text_and_one_parsed_call()
    {
        var handler = ReplayHandler.Sse(ReplayHandler.Fixture("anthropic/tool-use.sse"));
        var response = (await Stream(Client(handler))).ToChatResponse();

        Assert.Equal("I'll search for the top Google hits for Foo Fighters. Let me do that for you right away.", response.Text);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("toolu_01VqG2jCdyjoB9HMTFnCKeo2", call.CallId);
        Assert.Equal("google_search", call.Name);
        Assert.Equal("Foo Fighters", call.Arguments!["query"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(471, response.Usage!.InputTokenCount);
        Assert.Equal(80, response.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Recorded_thinking_stream_round_trips_the_signature()
    {
        var handler = ReplayHandler.Sse(ReplayHandler.Fixture("anthropic/thinking.sse"), ReplayHandler.Fixture("anthropic/thinking.sse"));
        var client = Client(handler);
        var updates = await Stream(client);
        var reasoning = string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text));
        Assert.StartsWith("The user has simply said \"hey\"", reasoning);
        var response = updates.ToChatResponse();
        Assert.StartsWith("Hello! I'm Assistant", response.Text);
        Assert.Equal(778, response.Usage!.InputTokenCount);
        Assert.Equal(104, response.Usage.OutputTokenCount);

        var history = new List<ChatMessage> { new(ChatRole.User, "hey") };
        history.AddRange(response.Messages);
        history.Add(new ChatMessage(ChatRole.User, "again"));
        await Stream(client, history, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } });

        using var sent = JsonDocument.Parse(handler.Requests[1].Body);
        var assistant = sent.RootElement.GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var first = assistant.GetProperty("content")[0];
        Assert.Equal("thinking", first.GetProperty("type").GetString());
        Assert.Equal(reasoning, first.GetProperty("thinking").GetString());
        Assert.StartsWith("ErUBCkYIARgCIkACJWxzySUOJzOlZ8WF", first.GetProperty("signature").GetString());
        Assert.Equal("text", assistant.GetProperty("content")[1].GetProperty("type").GetString());
        Assert.Equal(2048, sent.RootElement.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.True(sent.RootElement.GetProperty("max_tokens").GetInt32() > 2048);
    }

    [Fact]
    public async Task Requests_carry_system_tools_results_and_cache_breakpoints()
    {
        var handler = ReplayHandler.Sse(ReplayHandler.Fixture("anthropic/tool-use.sse"));
        var tool = AIFunctionFactory.CreateDeclaration("shell", "run", JsonDocument.Parse("""{"type":"object","properties":{"command":{"type":"string"}}}""").RootElement);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "be brief"),
            new(ChatRole.User, "list files"),
            new(ChatRole.Assistant, [new FunctionCallContent("toolu_1", "shell", new Dictionary<string, object?> { ["command"] = "ls" })]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "a.txt")]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_2", "Error: boom")]),
        };
        await Stream(Client(handler, "http://127.0.0.1:1/v1/"), messages, new ChatOptions { Tools = [tool] });

        var (request, body) = handler.Requests[0];
        Assert.Equal("http://127.0.0.1:1/v1/messages", request.RequestUri!.ToString());
        Assert.Equal("sk-ant-test", request.Headers.GetValues("x-api-key").Single());
        Assert.Equal("2023-06-01", request.Headers.GetValues("anthropic-version").Single());
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("ephemeral", root.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal("ephemeral", root.GetProperty("tools")[0].GetProperty("cache_control").GetProperty("type").GetString());
        var turns = root.GetProperty("messages");
        Assert.Equal(3, turns.GetArrayLength());
        Assert.Equal("ls", turns[1].GetProperty("content")[0].GetProperty("input").GetProperty("command").GetString());
        var results = turns[2].GetProperty("content");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("toolu_1", results[0].GetProperty("tool_use_id").GetString());
        Assert.True(results[1].GetProperty("is_error").GetBoolean());
        Assert.Equal("ephemeral", results[1].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal("ephemeral", turns[0].GetProperty("content")[0].GetProperty("cache_control").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(429, """{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""", ErrorKind.RateLimited)]
    [InlineData(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", ErrorKind.Overloaded)]
    [InlineData(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""", ErrorKind.Authentication)]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}""", ErrorKind.ContextOverflow)]
    public async Task Http_errors_are_mapped(int status, string body, ErrorKind kind)
    {
        var handler = new ReplayHandler(_ => new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body) });
        var ex = await Assert.ThrowsAsync<ProviderException>(() => Stream(Client(handler)));
        Assert.Equal(kind, ex.Kind);
    }

    [Fact]
    public async Task A_stream_cut_before_message_stop_is_an_interruption_and_mid_stream_errors_are_mapped()
    {
        var full = ReplayHandler.Fixture("anthropic/thinking.sse");
        var cut = await Assert.ThrowsAsync<ProviderException>(() => Stream(Client(ReplayHandler.Sse(full[..(full.Length / 2)]))));
        Assert.Equal(ErrorKind.StreamInterrupted, cut.Kind);

        var overloaded = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        var ex = await Assert.ThrowsAsync<ProviderException>(() => Stream(Client(ReplayHandler.Sse(overloaded))));
        Assert.Equal(ErrorKind.Overloaded, ex.Kind);
    }

    [Fact]
    public async Task Invalid_tool_json_sets_the_exception_instead_of_throwing()
    {
        var sse = ReplayHandler.Fixture("anthropic/tool-use.sse").Replace("s\\\"}", "s\\\"", StringComparison.Ordinal);
        var response = (await Stream(Client(ReplayHandler.Sse(sse)))).ToChatResponse();
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.NotNull(call.Exception);
    }
}
