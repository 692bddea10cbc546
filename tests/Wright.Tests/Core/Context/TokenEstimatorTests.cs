using Microsoft.Extensions.AI;
using Wright.Core.Context;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Context;

public sealed class TokenEstimatorTests
{
    [Fact]
    public void Hello_world_is_two_o200k_tokens()
    {
        Assert.Equal(2, TokenEstimator.CountText("hello world"));
        Assert.Equal(0, TokenEstimator.CountText(""));
        Assert.Equal(0, TokenEstimator.CountText(null));
    }

    [Fact]
    public void English_prose_is_roughly_four_characters_a_token()
    {
        var text = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog while the compiler runs the tests. ", 50));
        var tokens = TokenEstimator.CountText(text);
        Assert.InRange(tokens, text.Length / 6, text.Length / 3);
    }

    [Fact]
    public void A_message_counts_its_text_plus_overhead()
    {
        var estimator = new TokenEstimator();
        Assert.Equal(2 + TokenEstimator.MessageOverhead, estimator.Count(new ChatMessage(ChatRole.User, "hello world")));
    }

    [Fact]
    public void Reasoning_calls_and_results_are_counted()
    {
        var estimator = new TokenEstimator();
        var plain = estimator.Count(new ChatMessage(ChatRole.Assistant, "hello world"));
        var reasoning = estimator.Count(new ChatMessage(ChatRole.Assistant, [new TextContent("hello world"), new TextReasoningContent("let me think about this carefully")]));
        var call = estimator.Count(new ChatMessage(ChatRole.Assistant, [Call("call_1", "read_file", """{"path":"src/Program.cs","offset":10}""")]));
        var result = estimator.Count(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", string.Concat(Enumerable.Repeat("line of output\n", 100)))]));

        Assert.InRange(reasoning - plain, 5, 10);
        Assert.InRange(call, 15, 40); // overhead, id, name and the arguments' JSON
        Assert.InRange(result, 200, 500);
    }

    [Fact]
    public void Attachments_count_a_fixed_amount()
    {
        var estimator = new TokenEstimator();
        var image = estimator.Count(new ChatMessage(ChatRole.User, [new DataContent(new byte[100_000], "image/png")]));
        Assert.Equal(TokenEstimator.MessageOverhead + TokenEstimator.AttachmentTokens, image);
    }

    [Fact]
    public void Counts_are_cached_per_message_so_a_turn_only_tokenizes_new_messages()
    {
        var estimator = new TokenEstimator();
        List<ChatMessage> transcript = [new(ChatRole.System, "system prompt"), new(ChatRole.User, "first request")];
        var first = estimator.Count(transcript);
        Assert.Equal(2, estimator.MessagesTokenized);

        transcript.Add(new ChatMessage(ChatRole.Assistant, "an answer"));
        var second = estimator.Count(transcript);
        Assert.Equal(3, estimator.MessagesTokenized);
        Assert.Equal(first + estimator.Count(transcript[^1]), second);
        Assert.Equal(3, estimator.MessagesTokenized);
    }

    [Fact]
    public void The_upper_bound_is_never_below_the_count()
    {
        var estimator = new TokenEstimator();
        ChatMessage[] messages =
        [
            new(ChatRole.User, "hello world — ünïcödé 日本語 🙂"),
            new(ChatRole.Assistant, [Call("c", "grep", """{"pattern":"foo.*bar"}""")]),
            new(ChatRole.Tool, [new FunctionResultContent("c", "a.cs:1: foo and bar\nb.cs:2: foobar")]),
        ];
        foreach (var message in messages)
            Assert.True(TokenEstimator.UpperBound(message) >= estimator.Count(message));
        Assert.True(TokenEstimator.UpperBound(messages) >= estimator.Count(messages));
        Assert.Equal(0, estimator.MessagesTokenized - messages.Length);
    }

    [Fact]
    public void Tool_declarations_are_counted_and_bounded()
    {
        var estimator = new TokenEstimator();
        AITool[] tools = [AIFunctionFactory.CreateDeclaration("read_file", "Reads a file.",
            Wright.Core.Tools.ToolRegistry.Schema("""{"type":"object","properties":{"path":{"type":"string"}}}"""))];
        var count = estimator.CountTools(tools);
        Assert.InRange(count, 10, 60);
        Assert.True(TokenEstimator.UpperBound(tools) >= count);
        Assert.Equal(0, estimator.CountTools(null));
    }
}
