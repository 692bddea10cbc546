using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Extensibility.Hooks;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Extensibility;

/// <summary>Hooks run as real bash commands through a real session.</summary>
public sealed class HookTests : IDisposable
{
    private readonly ToolTestContext _ctx = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _ctx.Dispose();

    private HookRunner Runner(string json) =>
        new(HookConfig.Parse(JsonDocument.Parse(json).RootElement, "test"), _ctx.Workspace);

    private static FakeTool Echo(string name = "echo") =>
        new(name, ToolEffect.Mutating, (args, _) => Task.FromResult(ToolResult.Ok("echo:" + (args.TryGetProperty("x", out var x) ? x.GetString() : ""))));

    private async Task<(List<AgentEvent> Events, ScriptedChatClient Client, FakeTool Tool)> Run(string hooksJson, ScriptedChatClient client, string prompt = "go")
    {
        var runner = Runner(hooksJson);
        var tool = Echo();
        var session = new AgentSession(client, new ToolRegistry([tool]), new AgentOptions
        {
            Model = "m", Workspace = _ctx.Workspace, SessionDirectory = _ctx.Root, SessionId = "s1",
            Hooks = new CommandSessionHooks(runner, "s1", _warnings.Add),
            ToolHooks = new CommandToolHooks(runner, "s1", _warnings.Add),
        });
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync(prompt, TestContext.Current.CancellationToken))
            events.Add(e);
        return (events, client, tool);
    }

    private static string Hook(string ev, string command, string? matcher = null, int timeout = 10) =>
        $$"""{"{{ev}}":[{"matcher":{{(matcher is null ? "null" : JsonSerializer.Serialize(matcher, TestJson.Default.String))}},"hooks":[{"type":"command","command":{{JsonSerializer.Serialize(command, TestJson.Default.String)}},"timeout":{{timeout}}}]}]}""";

    [Fact]
    public async Task Pre_tool_use_exit_2_blocks_with_stderr_and_gets_the_call_as_json()
    {
        var stdin = Path.Combine(_ctx.Root, "stdin.json");
        var (events, _, tool) = await Run(Hook("PreToolUse", $"cat > '{stdin}'; echo 'no echo today' >&2; exit 2"),
            new ScriptedChatClient().ThenCalls(Call("c1", "echo", """{"x":"hi"}""")).ThenText("ok"));

        var finished = events.OfType<ToolCallFinished>().Single();
        Assert.Equal(ToolCallStatus.Denied, finished.Status);
        Assert.Contains("no echo today", finished.Result);
        Assert.Empty(tool.Calls);
        using var payload = JsonDocument.Parse(File.ReadAllText(stdin));
        Assert.Equal("PreToolUse", payload.RootElement.GetProperty("hook_event_name").GetString());
        Assert.Equal("echo", payload.RootElement.GetProperty("tool_name").GetString());
        Assert.Equal("hi", payload.RootElement.GetProperty("tool_input").GetProperty("x").GetString());
        Assert.Equal("s1", payload.RootElement.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task Pre_tool_use_json_can_deny_or_rewrite_the_input()
    {
        var deny = """echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"policy"}}'""";
        var (denied, _, _) = await Run(Hook("PreToolUse", deny), new ScriptedChatClient().ThenCalls(Call("c1", "echo", """{"x":"a"}""")).ThenText("ok"));
        Assert.Contains("denied this call: policy", denied.OfType<ToolCallFinished>().Single().Result);

        var rewrite = """echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","updatedInput":{"x":"rewritten"}}}'""";
        var (rewritten, _, tool) = await Run(Hook("PreToolUse", rewrite), new ScriptedChatClient().ThenCalls(Call("c1", "echo", """{"x":"a"}""")).ThenText("ok"));
        Assert.Equal("echo:rewritten", rewritten.OfType<ToolCallFinished>().Single().Result);
        Assert.Equal("rewritten", tool.Calls.Single().GetProperty("x").GetString());
    }

    [Fact]
    public async Task Matchers_select_tools()
    {
        var (events, _, tool) = await Run(Hook("PreToolUse", "exit 2", matcher: "write_file|edit_file"),
            new ScriptedChatClient().ThenCalls(Call("c1", "echo", "{}")).ThenText("ok"));
        Assert.Equal(ToolCallStatus.Ok, events.OfType<ToolCallFinished>().Single().Status);
        Assert.Single(tool.Calls);
    }

    [Fact]
    public async Task Post_tool_use_feedback_reaches_the_model()
    {
        var (events, client, _) = await Run(Hook("PostToolUse", "echo 'lint: 3 warnings' >&2; exit 2"),
            new ScriptedChatClient().ThenCalls(Call("c1", "echo", """{"x":"a"}""")).ThenText("ok"));
        var result = (string)client.Requests[1].Last().Contents.OfType<FunctionResultContent>().Single().Result!;
        Assert.Equal("echo:a\n\n[PostToolUse hook] lint: 3 warnings", result);
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
    }

    [Fact]
    public async Task Prompt_hooks_can_block_or_add_context_and_session_start_adds_context()
    {
        var (blocked, blockedClient, _) = await Run(Hook("UserPromptSubmit", "echo 'no secrets in prompts' >&2; exit 2"), new ScriptedChatClient());
        Assert.Empty(blockedClient.Requests);
        Assert.Contains("no secrets in prompts", blocked.OfType<ErrorOccurred>().Single().Message);
        Assert.Equal(RunStatus.Error, blocked.OfType<RunFinished>().Single().Status);

        var both = """{"SessionStart":[{"hooks":[{"type":"command","command":"echo branch: main"}]}],"UserPromptSubmit":[{"hooks":[{"type":"command","command":"echo time: noon"}]}]}""";
        var (_, client, _) = await Run(both, new ScriptedChatClient().ThenText("ok"), prompt: "hello");
        Assert.Equal("hello\n\n<hook-context>\nbranch: main\ntime: noon\n</hook-context>", client.Requests[0].Last().Text);
    }

    [Fact]
    public async Task A_stop_hook_can_keep_the_agent_going_once()
    {
        var command = """if grep -q '"stop_hook_active":true' ; then exit 0; else echo 'run the tests first' >&2; exit 2; fi""";
        var (events, client, _) = await Run(Hook("Stop", command), new ScriptedChatClient().ThenText("done?").ThenText("tests pass"));

        Assert.Equal(2, client.Requests.Count);
        Assert.Equal("run the tests first", client.Requests[1].Last().Text);
        Assert.Equal("tests pass", events.OfType<RunFinished>().Single().Text);
    }

    [Fact]
    public async Task A_hook_that_times_out_is_killed_and_reported()
    {
        var (events, _, tool) = await Run(Hook("PreToolUse", "sleep 30", timeout: 1), new ScriptedChatClient().ThenCalls(Call("c1", "echo", "{}")).ThenText("ok"));
        Assert.Single(tool.Calls);
        Assert.Contains(_warnings, w => w.Contains("timed out after 1s", StringComparison.Ordinal));
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
    }

    [Theory]
    [InlineData("""{"OnSave":[]}""", "unknown hook event 'OnSave'")]
    [InlineData("""{"Stop":[{"hooks":[{"type":"command"}]}]}""", "has no \"command\"")]
    [InlineData("""{"Stop":{}}""", "must be an array")]
    public void Bad_hook_config_is_explained(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => HookConfig.Parse(JsonDocument.Parse(json).RootElement, "cfg"));
        Assert.Contains(expected, ex.Message);
    }
}
