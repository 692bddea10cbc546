using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using static Wright.Tests.Providers.Anthropic.AnthropicTestHarness;

namespace Wright.Tests.Providers.Anthropic;

/// <summary>Replays recorded Anthropic SSE streams (see Fixtures/anthropic/README.md) and checks the exact updates.</summary>
public sealed class AnthropicStreamingTests
{
    private const string RecordedSignature =
        "ErUBCkYIARgCIkACJWxzySUOJzOlZ8WFdgQSbeQA3H1i5rfkKLV9eC4HN6Jcnrlw1NcnPRIPaTs9jLF3rllsfoidjZapJ+5MLwjVEgzTfQ6r9tDZvyBP0nEaDHWRqRWP7CoPOc+ksSIwSlxHzaMbnyXGoiNmCj9thC3N6EDMpemJPx3UZqDtrgmKZgQMMzNzNsh9IxgvtuYKKh1PxXUmWexqlckSVETQj3LbHLK/nwEK+bz0+2b/pA==";

    [Fact]
    public async Task Basic_stream_yields_text_deltas_in_order_then_usage()
    {
        var (client, _) = Replay(Fixture("basic_response.txt"));
        var updates = await CollectAsync(client);

        var texts = updates.SelectMany(u => u.Contents).OfType<TextContent>().Select(t => t.Text).ToList();
        Assert.Equal(["Hello", " there", "!"], texts);
        Assert.All(updates, u =>
        {
            Assert.Equal(ChatRole.Assistant, u.Role);
            Assert.Equal("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", u.MessageId);
            Assert.Equal("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", u.ResponseId);
            Assert.Equal("claude-3-opus-latest", u.ModelId);
        });

        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(11, usage.InputTokenCount);
        Assert.Equal(6, usage.OutputTokenCount);
        Assert.Equal(0, usage.CachedInputTokenCount);
        Assert.Equal(0, usage.AdditionalCounts![UsageKeys.CacheWriteTokens]);
        Assert.Same(updates[^1], updates.Single(u => u.Contents.OfType<UsageContent>().Any()));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);

        var response = updates.ToChatResponse();
        Assert.Equal("Hello there!", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Tool_use_stream_accumulates_input_json_into_one_complete_call()
    {
        var (client, _) = Replay(Fixture("tool_use_response.txt"));
        var updates = await CollectAsync(client);

        Assert.Equal("I'll check the current weather in Paris for you.",
            string.Concat(updates.SelectMany(u => u.Contents).OfType<TextContent>().Select(t => t.Text)));
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Null(call.Exception);
        var args = Assert.IsAssignableFrom<IDictionary<string, object?>>(call.Arguments);
        Assert.Equal("Paris", Assert.Single(args, kv => kv.Key == "location").Value?.ToString());
        Assert.Single(args);

        var usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
        Assert.Equal(377, usage.InputTokenCount);
        Assert.Equal(65, usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);

        var message = Assert.Single(updates.ToChatResponse().Messages);
        Assert.Collection(message.Contents,
            c => Assert.Equal("I'll check the current weather in Paris for you.", Assert.IsType<TextContent>(c).Text),
            c => Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", Assert.IsType<FunctionCallContent>(c).CallId));
    }

    [Fact]
    public async Task Invalid_tool_json_sets_exception_instead_of_throwing()
    {
        var (client, _) = Replay(Fixture("tool_use_invalid_json_response.txt"));
        var updates = await CollectAsync(client);

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.NotNull(call.Exception);
        Assert.Null(call.Arguments);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Empty_tool_input_becomes_empty_arguments()
    {
        var sse = Frame(
            """{"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":3,"output_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"list","input":{}}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":4}}""",
            """{"type":"message_stop"}""");
        var (client, _) = Replay(sse);
        var call = Assert.Single((await CollectAsync(client)).SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Null(call.Exception);
        Assert.NotNull(call.Arguments);
        Assert.Empty(call.Arguments);
    }

    [Fact]
    public async Task Thinking_stream_streams_reasoning_and_keeps_the_signature()
    {
        var (client, _) = Replay(Fixture("thinking_response.txt"));
        var updates = await CollectAsync(client);

        var reasoning = updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().ToList();
        Assert.Equal(
            ["The user has simply", " said \"hey\" as a greeting without any specific", " request or question. I don't need to use",
             " any tools for this type of interaction. I should respond with", " a friendly greeting and ask how I can help them", " today.", ""],
            reasoning.Select(r => r.Text));
        Assert.Equal(RecordedSignature, reasoning[^1].ProtectedData);
        Assert.All(reasoning.SkipLast(1), r => Assert.Null(r.ProtectedData));

        var message = Assert.Single(updates.ToChatResponse().Messages);
        Assert.Collection(message.Contents,
            c =>
            {
                var r = Assert.IsType<TextReasoningContent>(c);
                Assert.Equal("The user has simply said \"hey\" as a greeting without any specific request or question. I don't need to use any tools for this type of interaction. I should respond with a friendly greeting and ask how I can help them today.", r.Text);
                Assert.Equal(RecordedSignature, r.ProtectedData);
            },
            c => Assert.StartsWith("Hello! I'm Assistant", Assert.IsType<TextContent>(c).Text));
        var usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
        Assert.Equal(778, usage.InputTokenCount);
        Assert.Equal(104, usage.OutputTokenCount);

        // The recorded answer goes back to the API unchanged.
        var json = await RequestJsonAsync([new ChatMessage(ChatRole.User, "hey"), message, new ChatMessage(ChatRole.User, "thanks")]);
        var assistant = json.GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var thinking = assistant.GetProperty("content")[0];
        Assert.Equal("thinking", thinking.GetProperty("type").GetString());
        Assert.Equal(message.Contents.OfType<TextReasoningContent>().Single().Text, thinking.GetProperty("thinking").GetString());
        Assert.Equal(RecordedSignature, thinking.GetProperty("signature").GetString());
        Assert.Equal("text", assistant.GetProperty("content")[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Thinking_blocks_round_trip_exactly_through_ToChatResponse_before_tool_use()
    {
        // Synthetic stream (API framing) with two signed thinking blocks, a redacted block and a tool call, to check
        // that M.E.AI's coalescing keeps block boundaries and signatures.
        var sse = Frame(
            """{"type":"message_start","message":{"id":"msg_rt","model":"claude-sonnet-4-5","usage":{"input_tokens":10,"output_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"First, "}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"look."}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig-A"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"opaque-B"}}""",
            """{"type":"content_block_stop","index":1}""",
            """{"type":"content_block_start","index":2,"content_block":{"type":"thinking","thinking":"","signature":""}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"thinking_delta","thinking":"Then act."}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"signature_delta","signature":"sig-C"}}""",
            """{"type":"content_block_stop","index":2}""",
            """{"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_X","name":"read_file","input":{}}}""",
            """{"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\"path\":"}}""",
            """{"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"\"a.txt\",\"limit\":5}"}}""",
            """{"type":"content_block_stop","index":3}""",
            """{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":30}}""",
            """{"type":"message_stop"}""");
        var (client, _) = Replay(sse);
        var response = (await CollectAsync(client)).ToChatResponse();
        var message = Assert.Single(response.Messages);
        Assert.Collection(message.Contents,
            c => { var r = Assert.IsType<TextReasoningContent>(c); Assert.Equal("First, look.", r.Text); Assert.Equal("sig-A", r.ProtectedData); },
            c => { var r = Assert.IsType<TextReasoningContent>(c); Assert.Equal("", r.Text); Assert.Equal("opaque-B", r.ProtectedData); },
            c => { var r = Assert.IsType<TextReasoningContent>(c); Assert.Equal("Then act.", r.Text); Assert.Equal("sig-C", r.ProtectedData); },
            c => Assert.Equal("toolu_X", Assert.IsType<FunctionCallContent>(c).CallId));

        var history = new List<ChatMessage> { new(ChatRole.User, "go") };
        history.AddRange(response.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("toolu_X", "hello")]));
        var json = await RequestJsonAsync(history);
        var content = json.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal(
            """[{"type":"thinking","thinking":"First, look.","signature":"sig-A"},{"type":"redacted_thinking","data":"opaque-B"},{"type":"thinking","thinking":"Then act.","signature":"sig-C"},{"type":"tool_use","id":"toolu_X","name":"read_file","input":{"path":"a.txt","limit":5}}]""",
            content.GetRawText());
    }

    [Fact]
    public async Task Signed_thinking_without_text_goes_back_as_thinking_not_redacted()
    {
        var sse = Frame(
            """{"type":"message_start","message":{"id":"msg_o","model":"m","usage":{"input_tokens":5,"output_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig-only"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Done."}}""",
            """{"type":"content_block_stop","index":1}""",
            """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}""",
            """{"type":"message_stop"}""");
        var (client, _) = Replay(sse);
        var message = Assert.Single((await CollectAsync(client)).ToChatResponse().Messages);
        var json = await RequestJsonAsync([new ChatMessage(ChatRole.User, "q"), message, new ChatMessage(ChatRole.User, "q2")]);
        Assert.Equal(
            """[{"type":"thinking","thinking":"","signature":"sig-only"},{"type":"text","text":"Done."}]""",
            json.GetProperty("messages")[1].GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task Malformed_event_data_is_a_provider_error()
    {
        var sse = Frame("""{"type":"message_start","message":{"id":"msg_m","model":"m","usage":{"input_tokens":1,"output_tokens":1}}}""")
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"ind\n\n";
        var (client, _) = Replay(sse);
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.ServerError, ex.Kind);
        Assert.Contains("malformed stream event", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cache_usage_follows_wright_convention()
    {
        var sse = Frame(
            """{"type":"message_start","message":{"id":"msg_c","model":"m","usage":{"input_tokens":10,"cache_creation_input_tokens":50,"cache_read_input_tokens":100,"output_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":7}}""",
            """{"type":"message_stop"}""");
        var (client, _) = Replay(sse);
        var updates = await CollectAsync(client);
        var usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
        Assert.Equal(160, usage.InputTokenCount);
        Assert.Equal(100, usage.CachedInputTokenCount);
        Assert.Equal(50, usage.AdditionalCounts![UsageKeys.CacheWriteTokens]);
        Assert.Equal(7, usage.OutputTokenCount);
        Assert.Equal(167, usage.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Stream_without_message_stop_is_StreamInterrupted_after_the_text_already_streamed()
    {
        var full = Fixture("tool_use_response.txt");
        var cut = full[..full.IndexOf("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1", StringComparison.Ordinal)];
        var (client, _) = Replay(cut);
        var seen = new List<ChatResponseUpdate>();
        var ex = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var u in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], null, TestContext.Current.CancellationToken))
                seen.Add(u);
        });
        Assert.Equal(ErrorKind.StreamInterrupted, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Contains("ended early", ex.Message, StringComparison.Ordinal);
        Assert.Equal("I'll check the current weather in Paris for you.", string.Concat(seen.SelectMany(u => u.Contents).OfType<TextContent>().Select(t => t.Text)));
        Assert.Empty(seen.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task Connection_reset_while_reading_is_StreamInterrupted()
    {
        var head = System.Text.Encoding.UTF8.GetBytes(Fixture("basic_response.txt")[..400]);
        var (client, _) = Create(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new CutStream(head)) });
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(ErrorKind.StreamInterrupted, ex.Kind);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Theory]
    [InlineData("overloaded_error", "Overloaded", ErrorKind.Overloaded)]
    [InlineData("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", ErrorKind.RateLimited)]
    [InlineData("api_error", "Internal server error", ErrorKind.ServerError)]
    [InlineData("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum", ErrorKind.ContextOverflow)]
    public async Task Error_event_in_stream_is_mapped(string type, string message, ErrorKind expected)
    {
        var sse = Frame(
            """{"type":"message_start","message":{"id":"msg_e","model":"m","usage":{"input_tokens":1,"output_tokens":1}}}""",
            $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""");
        var (client, _) = Replay(sse);
        var ex = await Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));
        Assert.Equal(expected, ex.Kind);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_provider_error()
    {
        using var cts = new CancellationTokenSource();
        var (client, _) = Replay(Fixture("basic_response.txt"));
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var u in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], null, cts.Token))
                await cts.CancelAsync();
        });
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task GetResponseAsync_aggregates_the_stream()
    {
        var (client, handler) = Replay(Fixture("tool_use_response.txt"));
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "weather in Paris?")], null, TestContext.Current.CancellationToken);
        Assert.Equal("msg_019Q1hrJbZG26Fb9BQhrkHEr", response.ResponseId);
        Assert.Equal("claude-sonnet-4-20250514", response.ModelId);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(377, response.Usage?.InputTokenCount);
        Assert.Equal("get_weather", response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name);
        Assert.True(handler.Json.GetProperty("stream").GetBoolean());
    }
}
