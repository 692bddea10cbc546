using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Core.Tools;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Engine;

/// <summary>An unknown cost stays unknown (never a partial sum), and a budget is never silently ignored.</summary>
public sealed class UnknownCostTests
{
    private static UsageContent Priced(long nanoUsd) =>
        new(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 1, AdditionalCounts = new() { [UsageKeys.CostNanoUsd] = nanoUsd } });

    private static UsageContent Unpriced() => new(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 1 });

    private static async Task<List<AgentEvent>> Run(ScriptedChatClient client, decimal? budget)
    {
        var tool = new FakeTool("echo", ToolEffect.ReadOnly, (_, _) => Task.FromResult(ToolResult.Ok("ok")));
        var session = new AgentSession(client, new ToolRegistry([tool]), new AgentOptions
        {
            Model = "test/model", Workspace = "/tmp", SessionDirectory = Path.GetTempPath(), MaxBudgetUsd = budget,
        });
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync("go", TestContext.Current.CancellationToken))
            events.Add(e);
        return events;
    }

    [Fact]
    public async Task A_run_with_some_unpriced_usage_has_an_unknown_cost()
    {
        var client = new ScriptedChatClient()
            .ThenUpdates(Update(Call("c1", "echo", "{}")), Update(Priced(5_000_000)))
            .ThenUpdates(Update(new TextContent("done")), Update(Unpriced()));
        var events = await Run(client, budget: null);

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunStatus.Success, finished.Status);
        Assert.Null(finished.CostUsd);
        Assert.Equal([0.005m, null], events.OfType<UsageReported>().Select(u => u.CostUsd));
    }

    [Fact]
    public async Task A_budget_with_unpriced_usage_stops_the_run_with_a_clear_error()
    {
        var client = new ScriptedChatClient()
            .ThenUpdates(Update(Call("c1", "echo", "{}")), Update(Unpriced()))
            .ThenText("never asked");
        var events = await Run(client, budget: 0.01m);

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunStatus.Error, finished.Status);
        var error = Assert.Single(events.OfType<ErrorOccurred>());
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains("budget cannot be enforced", error.Message, StringComparison.Ordinal);
        Assert.Single(client.Requests);
        Assert.Empty(events.OfType<ToolCallRequested>());
    }
}
