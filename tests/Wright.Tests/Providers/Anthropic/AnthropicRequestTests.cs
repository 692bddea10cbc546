using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Providers.Anthropic;
using Wright.Providers.Http;
using static Wright.Tests.Providers.Anthropic.AnthropicTestHarness;

namespace Wright.Tests.Providers.Anthropic;

/// <summary>Checks the JSON and headers the client sends.</summary>
public sealed class AnthropicRequestTests
{
    private static AIFunctionDeclaration Tool(string name, string description) =>
        AIFunctionFactory.CreateDeclaration(name, description,
            JsonDocument.Parse("""{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}""").RootElement);

    private static List<string> CachePaths(JsonElement element, string path = "$")
    {
        var found = new List<string>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "cache_control")
                    {
                        Assert.Equal("""{"type":"ephemeral"}""", p.Value.GetRawText());
                        found.Add(path);
                    }
                    else
                        found.AddRange(CachePaths(p.Value, $"{path}.{p.Name}"));
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    found.AddRange(CachePaths(item, $"{path}[{i++}]"));
                break;
        }

        return found;
    }

    [Theory]
    [InlineData("https://api.anthropic.com", "https://api.anthropic.com/v1/messages")]
    [InlineData("https://api.anthropic.com/", "https://api.anthropic.com/v1/messages")]
    [InlineData("https://proxy.example/anthropic/", "https://proxy.example/anthropic/v1/messages")]
    [InlineData("https://proxy.example/v1", "https://proxy.example/v1/messages")]
    [InlineData("https://proxy.example/v1/", "https://proxy.example/v1/messages")]
    public async Task Posts_to_v1_messages_with_the_required_headers(string baseUrl, string expected)
    {
        var (client, handler) = Create(_ => Sse(Fixture("basic_response.txt")), baseUrl);
        await CollectAsync(client);
        Assert.Equal(HttpMethod.Post, handler.Request!.Method);
        Assert.Equal(expected, handler.Request.RequestUri!.ToString());
        Assert.Equal("sk-test", Assert.Single(handler.Request.Headers.GetValues("x-api-key")));
        Assert.Equal("2023-06-01", Assert.Single(handler.Request.Headers.GetValues("anthropic-version")));
        Assert.Equal("application/json", handler.Request.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task No_api_key_header_without_a_key()
    {
        var (client, handler) = Create(_ => Sse(Fixture("basic_response.txt")), apiKey: null);
        await CollectAsync(client);
        Assert.False(handler.Request!.Headers.Contains("x-api-key"));
    }

    [Fact]
    public async Task Basic_request_has_model_max_tokens_stream_and_user_text()
    {
        var json = await RequestJsonAsync([new ChatMessage(ChatRole.User, "Hello")]);
        Assert.Equal(
            """{"model":"claude-test","max_tokens":16000,"stream":true,"messages":[{"role":"user","content":[{"type":"text","text":"Hello","cache_control":{"type":"ephemeral"}}]}]}""",
            json.GetRawText());
    }

    [Fact]
    public async Task Options_override_model_and_max_tokens_and_temperature_is_sent_without_thinking()
    {
        var json = await RequestJsonAsync([new ChatMessage(ChatRole.User, "Hello")],
            new ChatOptions { ModelId = "claude-other", MaxOutputTokens = 1234, Temperature = 0.25f });
        Assert.Equal("claude-other", json.GetProperty("model").GetString());
        Assert.Equal(1234, json.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.25, json.GetProperty("temperature").GetDouble(), 5);
        Assert.False(json.TryGetProperty("thinking", out _));
    }

    [Fact]
    public async Task System_tools_and_cache_breakpoints_are_placed_on_the_last_tool_system_block_and_two_last_user_messages()
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "You are Wright."),
            new(ChatRole.System, "Workspace: /w"),
            new(ChatRole.User, "first"),
            new(ChatRole.Assistant, "one"),
            new(ChatRole.User, "second"),
            new(ChatRole.Assistant, "two"),
            new(ChatRole.User, [new TextContent("third a"), new TextContent("third b")]),
        };
        var json = await RequestJsonAsync(messages, new ChatOptions { Tools = [Tool("read_file", "Reads a file."), Tool("write_file", "Writes a file.")] });

        Assert.Equal(
            """[{"type":"text","text":"You are Wright."},{"type":"text","text":"Workspace: /w","cache_control":{"type":"ephemeral"}}]""",
            json.GetProperty("system").GetRawText());
        var tools = json.GetProperty("tools");
        Assert.Equal("read_file", tools[0].GetProperty("name").GetString());
        Assert.Equal("Reads a file.", tools[0].GetProperty("description").GetString());
        Assert.Equal("""{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}""", tools[0].GetProperty("input_schema").GetRawText());
        Assert.Equal("""{"type":"auto"}""", json.GetProperty("tool_choice").GetRawText());
        Assert.Equal(5, json.GetProperty("messages").GetArrayLength());

        Assert.Equal(
            ["$.messages[2].content[0]", "$.messages[4].content[1]", "$.system[1]", "$.tools[1]"],
            CachePaths(json).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tool_results_become_one_user_message_merged_with_following_user_text()
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, "read both"),
            new(ChatRole.Assistant, [
                new TextContent("Reading."),
                new FunctionCallContent("toolu_1", "read_file", new Dictionary<string, object?> { ["path"] = "a.txt", ["limit"] = 10, ["flags"] = new[] { "x", "y" } }),
                new FunctionCallContent("toolu_2", "read_file", new Dictionary<string, object?> { ["path"] = "b.txt" }),
            ]),
            new(ChatRole.Tool, [
                new FunctionResultContent("toolu_1", "contents of a"),
                new FunctionResultContent("toolu_2", "Error: b.txt does not exist"),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_3", "Denied: not allowed")]),
            new(ChatRole.User, "and now?"),
        };
        var json = await RequestJsonAsync(messages);
        var wire = json.GetProperty("messages");
        Assert.Equal(3, wire.GetArrayLength());
        Assert.Equal(
            """{"role":"assistant","content":[{"type":"text","text":"Reading."},{"type":"tool_use","id":"toolu_1","name":"read_file","input":{"path":"a.txt","limit":10,"flags":["x","y"]}},{"type":"tool_use","id":"toolu_2","name":"read_file","input":{"path":"b.txt"}}]}""",
            wire[1].GetRawText());
        Assert.Equal(
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"contents of a"},{"type":"tool_result","tool_use_id":"toolu_2","content":"Error: b.txt does not exist","is_error":true},{"type":"tool_result","tool_use_id":"toolu_3","content":"Denied: not allowed","is_error":true},{"type":"text","text":"and now?","cache_control":{"type":"ephemeral"}}]}""",
            wire[2].GetRawText());
    }

    [Fact]
    public async Task Interrupted_results_are_errors_and_consecutive_user_messages_merge()
    {
        var json = await RequestJsonAsync([
            new ChatMessage(ChatRole.User, "a"),
            new ChatMessage(ChatRole.User, "b"),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("t1", "bash", new Dictionary<string, object?>())]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("t1", "Interrupted: the user cancelled")]),
        ]);
        var wire = json.GetProperty("messages");
        Assert.Equal(3, wire.GetArrayLength());
        Assert.Equal(2, wire[0].GetProperty("content").GetArrayLength());
        Assert.Equal("""{"type":"tool_use","id":"t1","name":"bash","input":{}}""", wire[1].GetProperty("content")[0].GetRawText());
        Assert.True(wire[2].GetProperty("content")[0].GetProperty("is_error").GetBoolean());
    }

    [Theory]
    [InlineData(ReasoningEffort.Low, 2048)]
    [InlineData(ReasoningEffort.Medium, 8192)]
    [InlineData(ReasoningEffort.High, 24576)]
    [InlineData(ReasoningEffort.ExtraHigh, 32000)]
    public async Task Reasoning_effort_enables_thinking_with_max_tokens_above_budget_and_no_temperature(ReasoningEffort effort, int budget)
    {
        var json = await RequestJsonAsync([new ChatMessage(ChatRole.User, "think")],
            new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort }, Temperature = 0.5f });
        Assert.Equal($$$"""{"type":"enabled","budget_tokens":{{{budget}}}}""", json.GetProperty("thinking").GetRawText());
        Assert.True(json.GetProperty("max_tokens").GetInt32() > budget);
        Assert.False(json.TryGetProperty("temperature", out _));
    }

    [Fact]
    public async Task Reasoning_effort_none_sends_no_thinking()
    {
        var json = await RequestJsonAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } });
        Assert.False(json.TryGetProperty("thinking", out _));
        Assert.Equal(16000, json.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Reasoning_without_signature_is_not_sent_but_redacted_data_is()
    {
        var json = await RequestJsonAsync([
            new ChatMessage(ChatRole.User, "q"),
            new ChatMessage(ChatRole.Assistant, [
                new TextReasoningContent("from another provider"),
                Own(new TextReasoningContent("") { ProtectedData = "REDACTED" }),
                new TextContent("answer"),
            ]),
            new ChatMessage(ChatRole.User, "q2"),
        ]);
        Assert.Equal(
            """[{"type":"redacted_thinking","data":"REDACTED"},{"type":"text","text":"answer"}]""",
            json.GetProperty("messages")[1].GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task Reasoning_of_other_providers_and_models_never_reaches_anthropic()
    {
        var openAI = ReasoningOrigin.Stamp(new TextReasoningContent("gpt thought") { ProtectedData = "gAAAA-openai-encrypted" }, "openai-responses https://api.openai.com/v1 gpt-5");
        var otherClaude = ReasoningOrigin.Stamp(new TextReasoningContent("other model") { ProtectedData = "sig-other" },
            AnthropicRequestWriter.Origin(new AnthropicClientOptions { BaseUrl = new Uri("https://api.anthropic.com"), Model = "claude-other" }, null));
        var json = await RequestJsonAsync([
            new ChatMessage(ChatRole.User, "q"),
            new ChatMessage(ChatRole.Assistant, [openAI, otherClaude, Own(new TextReasoningContent("mine") { ProtectedData = "sig-mine" }), new TextContent("answer")]),
            new ChatMessage(ChatRole.User, "q2"),
        ]);
        Assert.Equal(
            """[{"type":"thinking","thinking":"mine","signature":"sig-mine"},{"type":"text","text":"answer"}]""",
            json.GetProperty("messages")[1].GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task A_tool_loop_begun_without_thinking_continues_without_it()
    {
        // After a fallback or /model switch mid-loop the assistant turn has no thinking block of this model: with
        // thinking on the API refuses it ("a final assistant message must start with a thinking block").
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium } };
        var call = new FunctionCallContent("toolu_1", "read_file", new Dictionary<string, object?> { ["path"] = "a" });
        var foreign = ReasoningOrigin.Stamp(new TextReasoningContent("gpt thought") { ProtectedData = "enc" }, "openai-responses https://api.openai.com/v1 gpt-5");
        var withoutThinking = await RequestJsonAsync([
            new ChatMessage(ChatRole.User, "q"),
            new ChatMessage(ChatRole.Assistant, [foreign, call]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("toolu_1", "x")]),
        ], options);
        Assert.False(withoutThinking.TryGetProperty("thinking", out _));

        var withThinking = await RequestJsonAsync([
            new ChatMessage(ChatRole.User, "q"),
            new ChatMessage(ChatRole.Assistant, [Own(new TextReasoningContent("look") { ProtectedData = "sig" }), call]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("toolu_1", "x")]),
        ], options);
        Assert.Equal("enabled", withThinking.GetProperty("thinking").GetProperty("type").GetString());

        // A new user turn needs no thinking block before it.
        var newTurn = await RequestJsonAsync([
            new ChatMessage(ChatRole.User, "q"),
            new ChatMessage(ChatRole.Assistant, [foreign, new TextContent("answer")]),
            new ChatMessage(ChatRole.User, "q2"),
        ], options);
        Assert.Equal("enabled", newTurn.GetProperty("thinking").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Images_are_sent_as_base64_image_blocks()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        var json = await RequestJsonAsync([new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(png, "image/png")])]);
        var image = json.GetProperty("messages")[0].GetProperty("content")[1];
        Assert.Equal(
            $$$"""{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{Convert.ToBase64String(png)}}}"},"cache_control":{"type":"ephemeral"}}""",
            image.GetRawText());
    }

    [Fact]
    public async Task Instructions_stop_sequences_tool_mode_none_image_urls_and_pdfs_are_mapped()
    {
        byte[] pdf = [0x25, 0x50, 0x44, 0x46];
        var json = await RequestJsonAsync(
            [
                new ChatMessage(ChatRole.System, "base prompt"),
                new ChatMessage(ChatRole.User, [
                    new UriContent(new Uri("https://example.com/cat.png"), "image/png"),
                    new DataContent(pdf, "application/pdf"),
                    new TextContent("   "),
                ]),
            ],
            new ChatOptions { Instructions = "extra instructions", StopSequences = ["END"], ToolMode = ChatToolMode.None, Tools = [Tool("t", "d")] });
        Assert.Equal("extra instructions", json.GetProperty("system")[0].GetProperty("text").GetString());
        Assert.Equal("base prompt", json.GetProperty("system")[1].GetProperty("text").GetString());
        Assert.Equal("""["END"]""", json.GetProperty("stop_sequences").GetRawText());
        Assert.Equal("""{"type":"none"}""", json.GetProperty("tool_choice").GetRawText());
        var content = json.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal(2, content.GetArrayLength());
        Assert.Equal("""{"type":"image","source":{"type":"url","url":"https://example.com/cat.png"}}""", content[0].GetRawText());
        Assert.Equal(
            $$$"""{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"{{{Convert.ToBase64String(pdf)}}}"},"cache_control":{"type":"ephemeral"}}""",
            content[1].GetRawText());
    }
}
