using Microsoft.Extensions.AI;
using Wright.Core.Context;

namespace Wright.Tests.Core.Context;

public sealed class ContextUsageTests
{
    [Fact]
    public void Tokens_are_split_by_kind_and_the_largest_items_are_named_by_their_tool()
    {
        var estimator = new TokenEstimator();
        var bigFile = string.Concat(Enumerable.Repeat("public int Value { get; set; } // 值\n", 200));
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "You are Wright."),
            new(ChatRole.User, "<summary of earlier conversation>\nWe fixed the login bug.\n</summary>"),
            new(ChatRole.User, "读一下 a.cs 然后解释"),
            new(ChatRole.Assistant, [new TextContent("Reading it."), new FunctionCallContent("c1", "read_file", new Dictionary<string, object?> { ["path"] = "a.cs" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", bigFile)]),
            new(ChatRole.Assistant, "It declares one property."),
        };
        AITool[] tools = [AIFunctionFactory.CreateDeclaration("read_file", "Reads a file", System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"path":{"type":"string"}}}""").RootElement)];

        var usage = ContextUsage.Measure(messages, tools, estimator, largest: 2);

        Assert.Equal(
            [ContextPartKind.SystemPrompt, ContextPartKind.ToolDefinitions, ContextPartKind.UserMessages, ContextPartKind.Summary,
             ContextPartKind.AssistantMessages, ContextPartKind.ToolCalls, ContextPartKind.ToolResults],
            usage.Parts.Select(p => p.Kind));
        Assert.Equal(2, usage.Parts.Single(p => p.Kind == ContextPartKind.AssistantMessages).Items);
        Assert.Equal(1, usage.Parts.Single(p => p.Kind == ContextPartKind.ToolDefinitions).Items);
        Assert.Equal(estimator.CountTools(tools), usage.Parts.Single(p => p.Kind == ContextPartKind.ToolDefinitions).Tokens);
        // Every message is counted once: the parts add up to the transcript's estimate plus the tools'.
        Assert.InRange(usage.Total - estimator.Count(messages) - estimator.CountTools(tools), 0, 3 * TokenEstimator.MessageOverhead);

        Assert.Equal(2, usage.Largest.Count);
        Assert.Equal(new ContextItem(ContextPartKind.ToolResults, "read_file", usage.Parts.Single(p => p.Kind == ContextPartKind.ToolResults).Tokens), usage.Largest[0]);
        Assert.True(usage.Largest[0].Tokens > 1_000);
        Assert.True(usage.Largest[0].Tokens >= usage.Largest[1].Tokens);
    }

    [Fact]
    public void An_empty_session_has_only_its_system_prompt_and_tools()
    {
        var usage = ContextUsage.Measure([new ChatMessage(ChatRole.System, "sys")], [], new TokenEstimator());
        var part = Assert.Single(usage.Parts);
        Assert.Equal(ContextPartKind.SystemPrompt, part.Kind);
        Assert.Empty(usage.Largest);
    }
}
