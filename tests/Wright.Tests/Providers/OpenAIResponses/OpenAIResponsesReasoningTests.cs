using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Providers.Anthropic;
using Wright.Providers.Http;
using Wright.Providers.OpenAIResponses;
using Wright.Tests.Support;

namespace Wright.Tests.Providers.OpenAIResponses;

/// <summary>
/// Stateless reasoning round trips (no <c>previous_response_id</c>, <c>store: false</c>): the encrypted reasoning item
/// of a recorded gpt-5.1-codex-max stream (Fixtures/Streams/openai-responses/reasoning-encrypted-tool-call.sse) is kept
/// with its id and summary and sent back before the call it led to — to this endpoint and model only.
/// </summary>
public sealed class OpenAIResponsesReasoningTests
{
    private const string Fixture = "Streams/openai-responses/reasoning-encrypted-tool-call.sse";
    private const string ReasoningId = "rs_01830d662ab3856501693c321405c88190be3ab04d5782d5f9";
    private const string Summary = "**Calculating step-by-step using calculator**\n\nI'll compute 12 plus 7, then multiply the result by 3, and finally multiply that by 10, reporting the final product.";

    private static OpenAIResponsesChatClient Client(ReplayHandler handler, string model = "gpt-5.1-codex-max", bool reasons = false, string baseUrl = "http://127.0.0.1:1/v1") =>
        new(new HttpClient(handler), new OpenAIResponsesClientOptions { BaseUrl = new Uri(baseUrl), ApiKey = "k", Model = model, Reasons = reasons });

    private static async Task<ChatResponse> Respond(IChatClient client, IList<ChatMessage> messages, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync(messages, options, TestContext.Current.CancellationToken))
            updates.Add(u);
        return updates.ToChatResponse();
    }

    /// <summary>The <c>encrypted_content</c> of the recording's finished reasoning item (not the one it was added with).</summary>
    private static string RecordedEncrypted()
    {
        var done = ReplayHandler.Fixture(Fixture).Split('\n')
            .Where(l => l.StartsWith("data: ", StringComparison.Ordinal) && l.Contains("\"response.output_item.done\"", StringComparison.Ordinal) && l.Contains("\"reasoning\"", StringComparison.Ordinal))
            .Single();
        using var doc = JsonDocument.Parse(done["data: ".Length..]);
        return doc.RootElement.GetProperty("item").GetProperty("encrypted_content").GetString()!;
    }

    private static ChatOptions Effort() => new() { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } };

    [Fact]
    public async Task The_recorded_reasoning_item_becomes_one_content_with_summary_id_and_the_final_encrypted_content()
    {
        var response = await Respond(Client(ReplayHandler.Sse(ReplayHandler.Fixture(Fixture))), [new ChatMessage(ChatRole.User, "12+7, *3, *10")], Effort());

        var message = Assert.Single(response.Messages);
        Assert.Collection(message.Contents,
            c =>
            {
                var reasoning = Assert.IsType<TextReasoningContent>(c);
                Assert.Equal(Summary, reasoning.Text);
                Assert.Equal(RecordedEncrypted(), reasoning.ProtectedData);
                Assert.Equal(ReasoningId, ReasoningOrigin.Property(reasoning, "openai.reasoning_id"));
            },
            c => Assert.Equal("call_AB6AaRZ1FYZB2RwS6A5vbdqn", Assert.IsType<FunctionCallContent>(c).CallId));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task The_next_request_is_stateless_and_carries_the_reasoning_item_before_its_call()
    {
        var handler = ReplayHandler.Sse(ReplayHandler.Fixture(Fixture));
        var client = Client(handler);
        var history = new List<ChatMessage> { new(ChatRole.User, "12+7, *3, *10") };
        var first = await Respond(client, history, Effort());
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_AB6AaRZ1FYZB2RwS6A5vbdqn", "19")]));
        await Respond(client, history, Effort());

        using var firstBody = JsonDocument.Parse(handler.Requests[0].Body);
        Assert.False(firstBody.RootElement.GetProperty("store").GetBoolean());
        Assert.Equal("""["reasoning.encrypted_content"]""", firstBody.RootElement.GetProperty("include").GetRawText());
        Assert.Equal("""{"effort":"high","summary":"auto"}""", firstBody.RootElement.GetProperty("reasoning").GetRawText());
        Assert.False(firstBody.RootElement.TryGetProperty("previous_response_id", out _));

        using var second = JsonDocument.Parse(handler.Requests[1].Body);
        var input = second.RootElement.GetProperty("input");
        Assert.Equal(4, input.GetArrayLength());
        Assert.Equal("user", input[0].GetProperty("role").GetString());
        var reasoning = input[1];
        Assert.Equal("reasoning", reasoning.GetProperty("type").GetString());
        Assert.Equal(ReasoningId, reasoning.GetProperty("id").GetString());
        Assert.Equal(RecordedEncrypted(), reasoning.GetProperty("encrypted_content").GetString());
        Assert.Equal(Summary, reasoning.GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.Equal("summary_text", reasoning.GetProperty("summary")[0].GetProperty("type").GetString());
        Assert.Equal("function_call", input[2].GetProperty("type").GetString());
        Assert.Equal("function_call_output", input[3].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Reasoning_survives_the_session_store_and_still_goes_back()
    {
        var handler = ReplayHandler.Sse(ReplayHandler.Fixture(Fixture));
        var client = Client(handler);
        var first = await Respond(client, [new ChatMessage(ChatRole.User, "q")], Effort());

        // As SqliteJournal stores and SessionStore loads a message (resume, fork).
        var stored = Wright.Sessions.Store.MessageCodec.Encode(first.Messages[0], (_, _) => { });
        var loaded = Wright.Sessions.Store.MessageCodec.Decode(stored, _ => null);
        await Respond(client, [new ChatMessage(ChatRole.User, "q"), loaded, new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_AB6AaRZ1FYZB2RwS6A5vbdqn", "19")])], Effort());

        using var second = JsonDocument.Parse(handler.Requests[1].Body);
        var reasoning = second.RootElement.GetProperty("input")[1];
        Assert.Equal("reasoning", reasoning.GetProperty("type").GetString());
        Assert.Equal(ReasoningId, reasoning.GetProperty("id").GetString());
        Assert.Equal(RecordedEncrypted(), reasoning.GetProperty("encrypted_content").GetString());
    }

    [Fact]
    public async Task Reasoning_of_another_model_endpoint_or_provider_is_never_sent()
    {
        var recorded = await Respond(Client(ReplayHandler.Sse(ReplayHandler.Fixture(Fixture))), [new ChatMessage(ChatRole.User, "q")], Effort());
        var anthropic = ReasoningOrigin.Stamp(new TextReasoningContent("claude thought") { ProtectedData = "anthropic-signature" },
            AnthropicRequestWriter.Origin(new AnthropicClientOptions { BaseUrl = new Uri("https://api.anthropic.com"), Model = "claude-sonnet-4-5" }, null));
        var unmarked = new TextReasoningContent("legacy") { ProtectedData = "no-origin" };
        var call = new FunctionCallContent("call_1", "calculator", new Dictionary<string, object?>());
        IList<ChatMessage> history =
        [
            new(ChatRole.User, "q"),
            recorded.Messages[0],
            new(ChatRole.Tool, [new FunctionResultContent("call_AB6AaRZ1FYZB2RwS6A5vbdqn", "19")]),
            new(ChatRole.Assistant, [anthropic, unmarked, call]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "57")]),
        ];

        foreach (var (model, baseUrl) in new[] { ("gpt-5-mini", "http://127.0.0.1:1/v1"), ("gpt-5.1-codex-max", "https://example.openai.azure.com/openai/v1") })
        {
            var handler = ReplayHandler.Sse(ReplayHandler.Fixture(Fixture));
            await Respond(Client(handler, model, baseUrl: baseUrl), history, Effort());
            using var body = JsonDocument.Parse(handler.Requests[0].Body);
            var types = body.RootElement.GetProperty("input").EnumerateArray().Select(i => i.TryGetProperty("type", out var t) ? t.GetString() : i.GetProperty("role").GetString()).ToList();
            Assert.Equal(["user", "function_call", "function_call_output", "function_call", "function_call_output"], types);
            Assert.DoesNotContain("anthropic-signature", body.RootElement.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("no-origin", body.RootElement.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reasoning_is_asked_for_only_of_reasoning_models_and_store_is_always_off()
    {
        async Task<JsonElement> Body(bool reasons, ChatOptions? options, string model)
        {
            var handler = ReplayHandler.Sse(ReplayHandler.Fixture(Fixture));
            await Respond(Client(handler, model, reasons), [new ChatMessage(ChatRole.User, "q")], options);
            return JsonDocument.Parse(handler.Requests[0].Body).RootElement.Clone();
        }

        var plain = await Body(reasons: false, options: new ChatOptions { MaxOutputTokens = 900 }, "gpt-4.1");
        Assert.False(plain.GetProperty("store").GetBoolean());
        Assert.False(plain.TryGetProperty("include", out _));
        Assert.False(plain.TryGetProperty("reasoning", out _));
        Assert.Equal(900, plain.GetProperty("max_output_tokens").GetInt32());

        // A catalog reasoning model without an effort: its items are kept, the effort is the model's default.
        var catalog = await Body(reasons: true, options: null, "gpt-5");
        Assert.Equal("""["reasoning.encrypted_content"]""", catalog.GetProperty("include").GetRawText());
        Assert.False(catalog.TryGetProperty("reasoning", out _));

        var effortNone = await Body(reasons: false, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } }, "gpt-4.1");
        Assert.False(effortNone.TryGetProperty("include", out _));
        Assert.False(effortNone.TryGetProperty("reasoning", out _));

        var low = await Body(reasons: false, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } }, "o-future");
        Assert.Equal("""{"effort":"low","summary":"auto"}""", low.GetProperty("reasoning").GetRawText());
        Assert.Equal("""["reasoning.encrypted_content"]""", low.GetProperty("include").GetRawText());
    }

    [Fact]
    public async Task Reasoning_without_encrypted_content_or_without_an_output_after_it_is_not_sent()
    {
        var handler = ReplayHandler.Sse(ReplayHandler.Fixture(Fixture));
        var client = Client(handler);
        var origin = client.Origin("gpt-5.1-codex-max");
        TextReasoningContent Own(string text, string? encrypted) => ReasoningOrigin.Stamp(new TextReasoningContent(text) { ProtectedData = encrypted }, origin);
        await Respond(client,
        [
            new(ChatRole.User, "q"),
            // Summary only: stateless, it cannot be referred to.
            new(ChatRole.Assistant, [Own("thought", null), new TextContent("a")]),
            new(ChatRole.User, "q2"),
            // Cut off after reasoning (the API refuses a reasoning item without the item it led to).
            new(ChatRole.Assistant, [new TextContent("b"), Own("late", "enc-late")]),
            new(ChatRole.User, "q3"),
            new(ChatRole.Assistant, [Own("kept", "enc-kept"), new TextContent("c")]),
            new(ChatRole.User, "q4"),
        ], Effort());

        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        var input = body.RootElement.GetProperty("input");
        var reasoning = Assert.Single(input.EnumerateArray(), i => i.TryGetProperty("type", out var t) && t.GetString() == "reasoning");
        Assert.Equal("enc-kept", reasoning.GetProperty("encrypted_content").GetString());
        Assert.False(reasoning.TryGetProperty("id", out _));
        Assert.Equal(8, input.GetArrayLength());
        Assert.Equal("c", input[6].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Summary_parts_are_paragraphs_and_a_summary_only_in_the_done_item_is_kept()
    {
        const string stream = """
            data: {"type":"response.created","response":{"id":"resp_3","model":"gpt-5","status":"in_progress"}}

            data: {"type":"response.output_item.added","output_index":0,"item":{"id":"rs_a","type":"reasoning","summary":[]}}

            data: {"type":"response.reasoning_summary_part.added","item_id":"rs_a","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}

            data: {"type":"response.reasoning_summary_text.delta","item_id":"rs_a","output_index":0,"summary_index":0,"delta":"**One**"}

            data: {"type":"response.reasoning_summary_part.added","item_id":"rs_a","output_index":0,"summary_index":1,"part":{"type":"summary_text","text":""}}

            data: {"type":"response.reasoning_summary_text.delta","item_id":"rs_a","output_index":0,"summary_index":1,"delta":"**Two**"}

            data: {"type":"response.output_item.done","output_index":0,"item":{"id":"rs_a","type":"reasoning","encrypted_content":"enc-a","summary":[{"type":"summary_text","text":"**One**"},{"type":"summary_text","text":"**Two**"}]}}

            data: {"type":"response.output_item.done","output_index":1,"item":{"id":"rs_b","type":"reasoning","encrypted_content":"enc-b","summary":[{"type":"summary_text","text":"Only at the end."}]}}

            data: {"type":"response.output_text.delta","item_id":"msg_1","output_index":2,"content_index":0,"delta":"Done."}

            data: {"type":"response.completed","response":{"id":"resp_3","model":"gpt-5","status":"completed"}}


            """;
        var response = await Respond(Client(ReplayHandler.Sse(stream)), [new ChatMessage(ChatRole.User, "q")], Effort());

        var reasoning = response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().ToList();
        Assert.Equal(2, reasoning.Count);
        Assert.Equal("**One**\n\n**Two**", reasoning[0].Text);
        Assert.Equal("enc-a", reasoning[0].ProtectedData);
        Assert.Equal("rs_a", ReasoningOrigin.Property(reasoning[0], "openai.reasoning_id"));
        Assert.Equal("Only at the end.", reasoning[1].Text);
        Assert.Equal("enc-b", reasoning[1].ProtectedData);
        Assert.Equal("rs_b", ReasoningOrigin.Property(reasoning[1], "openai.reasoning_id"));
        Assert.Equal("Done.", response.Text);
    }

    [Fact]
    public async Task Max_output_tokens_spent_on_reasoning_or_inside_a_tool_call_is_a_clear_error()
    {
        const string reasoningOnly = """
            data: {"type":"response.created","response":{"id":"resp_4","model":"gpt-5","status":"in_progress"}}

            data: {"type":"response.output_item.done","output_index":0,"item":{"id":"rs_x","type":"reasoning","encrypted_content":"enc","summary":[]}}

            data: {"type":"response.incomplete","response":{"id":"resp_4","model":"gpt-5","status":"incomplete","max_output_tokens":64,"incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"output_tokens":64,"total_tokens":69}}}


            """;
        var ex = await Assert.ThrowsAsync<ProviderException>(() => Respond(Client(ReplayHandler.Sse(reasoningOnly)), [new ChatMessage(ChatRole.User, "q")]));
        Assert.Equal(ErrorKind.BadRequest, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Equal("openai stopped at the max_output_tokens limit (64) before it answered (the tokens went to reasoning); raise max_output_tokens or lower the reasoning effort", ex.Message);

        const string cutCall = """
            data: {"type":"response.created","response":{"id":"resp_5","model":"gpt-5","status":"in_progress"}}

            data: {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Writing it."}

            data: {"type":"response.output_item.added","output_index":1,"item":{"id":"fc_1","type":"function_call","call_id":"call_1","name":"write_file","arguments":""}}

            data: {"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":1,"delta":"{\"path\":\"a.t"}

            data: {"type":"response.incomplete","response":{"id":"resp_5","model":"gpt-5","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"}}}


            """;
        ex = await Assert.ThrowsAsync<ProviderException>(() => Respond(Client(ReplayHandler.Sse(cutCall)), [new ChatMessage(ChatRole.User, "q")]));
        Assert.Equal("openai stopped at the max_output_tokens limit in the middle of a tool call; raise max_output_tokens or lower the reasoning effort", ex.Message);
    }

    [Fact]
    public async Task A_stream_that_only_fails_is_classified_by_its_error_code()
    {
        var ex = await Assert.ThrowsAsync<ProviderException>(() =>
            Respond(Client(ReplayHandler.Sse(ReplayHandler.Fixture("Streams/openai-responses/response-failed-only.sse"))), [new ChatMessage(ChatRole.User, "q")]));

        Assert.Equal(ErrorKind.RateLimited, ex.Kind);
        Assert.Contains("Request too large for gpt-4o-mini", ex.Message, StringComparison.Ordinal);
    }
}
