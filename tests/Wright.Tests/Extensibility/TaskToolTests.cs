using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Extensibility.Agents;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Extensibility;

public sealed class TaskToolTests
{
    private sealed class Factory(Func<AgentDefinition?, ScriptedChatClient> clients) : ISubagentFactory
    {
        public List<string?> Created { get; } = [];

        public AgentSession Create(AgentDefinition? definition)
        {
            lock (Created)
                Created.Add(definition?.Name);
            return new AgentSession(clients(definition), new ToolRegistry([]), new AgentOptions
            {
                Model = "child", Workspace = "/tmp", SessionDirectory = "/tmp", SystemPrompt = definition?.SystemPrompt ?? "general",
            });
        }
    }

    [Fact]
    public async Task Subagents_run_in_parallel_return_only_their_report_and_nest_their_events()
    {
        var catalog = new AgentCatalog();
        catalog.Add(new AgentDefinition("searcher", "finds code", ["grep"], "deepseek/deepseek-chat", "You search.", "test"));
        var factory = new Factory(d => new ScriptedChatClient().ThenText(d is null ? "general report" : "searcher report"));
        var parent = new ScriptedChatClient()
            .ThenCalls(
                Call("t1", "task", """{"description":"find uses","prompt":"find X","agent":"searcher"}"""),
                Call("t2", "task", """{"description":"summarise","prompt":"summarise Y"}"""))
            .ThenText("done");
        var session = new AgentSession(parent, new ToolRegistry([new TaskTool(catalog, factory)]), new AgentOptions
        {
            Model = "parent", Workspace = "/tmp", SessionDirectory = "/tmp",
        });
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync("go", TestContext.Current.CancellationToken))
            events.Add(e);

        var results = parent.Requests[1].Last().Contents.OfType<FunctionResultContent>().ToDictionary(r => r.CallId, r => (string)r.Result!);
        Assert.Equal("searcher report", results["t1"]);
        Assert.Equal("general report", results["t2"]);
        Assert.Equal(2, factory.Created.Count);
        var nested = events.OfType<SubagentEvent>().ToList();
        Assert.Contains(nested, n => n.ParentCallId == "t1" && n.Agent == "searcher" && n.Event is TextDelta { Text: "searcher report" });
        Assert.Contains(nested, n => n.ParentCallId == "t2" && n.Agent == "general" && n.Event is RunFinished);
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
    }

    [Fact]
    public async Task An_unknown_agent_is_an_error_result()
    {
        var tool = new TaskTool(new AgentCatalog(), new Factory(_ => new ScriptedChatClient()));
        using var ctx = new ToolTestContext();
        var result = await tool.InvokeAsync(System.Text.Json.JsonDocument.Parse("""{"description":"x","prompt":"y","agent":"ghost"}""").RootElement,
            ctx.Context, TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
        Assert.Contains("no agent named 'ghost'", result.Content);
    }

    [Fact]
    public void Definitions_are_read_from_markdown()
    {
        using var ctx = new ToolTestContext();
        var dir = Path.Combine(ctx.Workspace, ".wright", "agents");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "reviewer.md"), "---\nname: reviewer\ndescription: Reviews diffs\ntools: read_file, grep\nmodel: deepseek/deepseek-chat\n---\nYou review code.");
        var agent = AgentCatalog.Load(null, ctx.Workspace).Find("reviewer")!;

        Assert.Equal(["read_file", "grep"], agent.Tools);
        Assert.Equal("deepseek/deepseek-chat", agent.Model);
        Assert.Equal("You review code.", agent.SystemPrompt);
    }
}
