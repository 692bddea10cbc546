using System.Text.Json;
using Wright.Core.Context;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Extensibility.Hooks;
using Wright.Tests.Core.Context;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Extensibility;

/// <summary>PreCompact: the engine tells its hooks right before it compacts, automatically or on <c>/compact</c>.</summary>
public sealed class PreCompactHookTests : IDisposable
{
    private const string SummaryText = "## Goal\nRead the files.\n## Open todos / next steps\nNone.";
    private readonly ToolTestContext _ctx = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _ctx.Dispose();

    private AgentSession Session(ScriptedChatClient client, ISessionHooks hooks, int window) =>
        new(client, new ToolRegistry([new FakeTool("read", ToolEffect.ReadOnly, (_, _) => Task.FromResult(ToolResult.Ok(ContextCompactorTests.Output(80))))]),
            new AgentOptions
            {
                Model = "test/model", Workspace = _ctx.Workspace, SessionDirectory = _ctx.Root, SessionId = "s1", SystemPrompt = "system",
                Compaction = new CompactionOptions { ContextWindow = window },
                Hooks = hooks,
            });

    private static async Task<List<AgentEvent>> Run(AgentSession session, string prompt = "read everything")
    {
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync(prompt, TestContext.Current.CancellationToken))
            events.Add(e);
        return events;
    }

    private static int Elided(AgentSession session) =>
        session.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>()
            .Count(r => r.Result is string s && s.StartsWith("[output elided", StringComparison.Ordinal));

    private static ScriptedChatClient FiveReads() =>
        new ScriptedChatClient().ThenCalls(Call("c1", "read", "{}")).ThenCalls(Call("c2", "read", "{}")).ThenCalls(Call("c3", "read", "{}"))
            .ThenCalls(Call("c4", "read", "{}")).ThenText("done");

    [Fact]
    public async Task Auto_compaction_calls_the_hook_once_before_it_compacts()
    {
        // As in SessionCompactionTests: four ~900-token outputs in a 4,000-token window compact before the fifth request.
        var hooks = new RecordingHooks();
        var client = FiveReads();
        var session = Session(client, hooks, window: 4_000);
        hooks.Messages = () => Elided(session);

        var events = await Run(session);

        Assert.Single(events.OfType<ContextCompacted>());
        var (trigger, before) = Assert.Single(hooks.Calls);
        Assert.Equal("auto", trigger);
        Assert.Equal(0, before); // the hook ran while the transcript was still whole
        Assert.True(Elided(session) > 0);
    }

    [Fact]
    public async Task Manual_compaction_calls_the_hook_with_manual_and_small_sessions_never_do()
    {
        var hooks = new RecordingHooks();
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "read", "{}")).ThenText("first answer").ThenText(SummaryText);
        var session = Session(client, hooks, window: 200_000);
        await Run(session);
        Assert.Empty(hooks.Calls); // far below the threshold: no compaction, no hook

        await session.CompactAsync(TestContext.Current.CancellationToken);

        Assert.Equal("manual", Assert.Single(hooks.Calls).Trigger);
    }

    [Fact]
    public async Task Pre_compact_command_hook_gets_the_claude_code_payload_and_its_matcher_filters_the_trigger()
    {
        var auto = Path.Combine(_ctx.Root, "auto.json");
        var manual = Path.Combine(_ctx.Root, "manual.json");
        var json = $$"""
            {"PreCompact":[
              {"matcher":"auto","hooks":[{"type":"command","command":{{JsonSerializer.Serialize($"cat > '{auto}'", TestJson.Default.String)}}}]},
              {"matcher":"manual","hooks":[{"type":"command","command":{{JsonSerializer.Serialize($"cat > '{manual}'; echo broken >&2; exit 1", TestJson.Default.String)}}}]}
            ]}
            """;
        var runner = new HookRunner(HookConfig.Parse(JsonDocument.Parse(json).RootElement, "test"), _ctx.Workspace);
        var session = Session(FiveReads(), new CommandSessionHooks(runner, "s1", _warnings.Add), window: 4_000);

        var events = await Run(session);

        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
        Assert.False(File.Exists(manual));
        using (var payload = JsonDocument.Parse(File.ReadAllText(auto)))
        {
            var root = payload.RootElement;
            Assert.Equal("PreCompact", root.GetProperty("hook_event_name").GetString());
            Assert.Equal("auto", root.GetProperty("trigger").GetString());
            Assert.Equal("s1", root.GetProperty("session_id").GetString());
            Assert.Equal(_ctx.Workspace, root.GetProperty("cwd").GetString());
            Assert.Equal("", root.GetProperty("custom_instructions").GetString());
        }

        Assert.Empty(_warnings);
        File.Delete(auto);
        await session.CompactAsync(TestContext.Current.CancellationToken);
        Assert.False(File.Exists(auto));
        using (var payload = JsonDocument.Parse(File.ReadAllText(manual)))
            Assert.Equal("manual", payload.RootElement.GetProperty("trigger").GetString());
        var warning = Assert.Single(_warnings); // a failing PreCompact hook warns; compaction goes on
        Assert.Contains("PreCompact hook", warning);
        Assert.Contains("broken", warning);
    }

    [Fact]
    public async Task Subagent_stop_is_the_stop_event_of_subagents()
    {
        var stdin = Path.Combine(_ctx.Root, "stop.json");
        var json = $$"""{"SubagentStop":[{"hooks":[{"type":"command","command":{{JsonSerializer.Serialize($"cat > '{stdin}'", TestJson.Default.String)}}}]}]}""";
        var runner = new HookRunner(HookConfig.Parse(JsonDocument.Parse(json).RootElement, "test"), _ctx.Workspace);

        Assert.Null(await new CommandSessionHooks(runner, "s1", _warnings.Add).OnStopAsync("main done", false, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(stdin)); // the main agent's Stop is not SubagentStop
        Assert.Null(await new CommandSessionHooks(runner, "sub", _warnings.Add, subagent: true).OnStopAsync("sub done", false, TestContext.Current.CancellationToken));
        using var payload = JsonDocument.Parse(File.ReadAllText(stdin));
        Assert.Equal("SubagentStop", payload.RootElement.GetProperty("hook_event_name").GetString());
        Assert.Equal("sub done", payload.RootElement.GetProperty("last_assistant_message").GetString());
    }

    private sealed class RecordingHooks : ISessionHooks
    {
        public List<(string Trigger, int Messages)> Calls { get; } = [];

        public Func<int> Messages { get; set; } = () => -1;

        public ValueTask<string?> OnSessionStartAsync(string source, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

        public ValueTask<HookOutcome> OnUserPromptAsync(string prompt, CancellationToken cancellationToken) => ValueTask.FromResult(HookOutcome.Pass);

        public ValueTask<string?> OnStopAsync(string finalText, bool alreadyContinued, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

        public Task OnPreCompactAsync(string trigger, CancellationToken cancellationToken)
        {
            Calls.Add((trigger, Messages()));
            return Task.CompletedTask;
        }
    }
}
