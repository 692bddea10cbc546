namespace Wright.Tests.E2E;

/// <summary>The interactive session says a cost is unknown and keeps a budget's models priced (tmux, aimock).</summary>
public sealed class TuiCostTests
{
    [Fact]
    public async Task An_unpriced_model_shows_cost_unknown_and_a_budget_refuses_switching_to_it()
    {
        await using var mock = await AimockServer.StartAsync("""
            {"fixtures":[{"match":{"userMessage":"first"},"response":{"content":"First reply."}}]}
            """);
        using var wright = new WrightProcess { Environment = { ["OPENAI_BASE_URL"] = mock.BaseUrl + "/v1", ["OPENAI_API_KEY"] = "k" } };
        await using (var tmux = await Tmux.StartAsync(wright, mock, "--model", "openai-chat/gpt-4o"))
        {
            await tmux.WaitForAsync("\n›");
            await tmux.SubmitAsync("first");
            await tmux.WaitForAsync("First reply.");
            await tmux.SubmitAsync("/cost");
            var screen = await tmux.WaitForAsync("output tokens; cost unknown");
            Assert.Matches(@"openai-chat/gpt-4o · ask · context \d+% · cost unknown · sandbox (on|off)", screen);
            Assert.DoesNotContain("$0.0000", screen, StringComparison.Ordinal);
            await tmux.KeysAsync("C-d");
            await tmux.WaitForAsync("[exit 0]");
        }

        await using (var tmux = await Tmux.StartAsync(wright, mock, "--model", "deepseek/deepseek-chat", "--max-budget-usd", "1"))
        {
            await tmux.WaitForAsync("\n›");
            await tmux.SubmitAsync("/model openai-chat/gpt-4o");
            var screen = await tmux.WaitForAsync("needs the price of openai-chat/gpt-4o");
            Assert.Matches(@"deepseek/deepseek-chat · ask · context \d+% · \$0\.0000 · sandbox (on|off)", screen);
            await tmux.KeysAsync("C-d");
            await tmux.WaitForAsync("[exit 0]");
        }
    }
}
