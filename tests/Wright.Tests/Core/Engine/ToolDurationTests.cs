using Wright.Core.Approvals;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Engine;

/// <summary>A tool call's duration is its own run: not the approval wait before it, nor the after-tool hook.</summary>
public sealed class ToolDurationTests
{
    /// <summary>A clock that only moves when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>Every call needs a person's approval.</summary>
    private sealed class AskingPermissions : IToolPermissions
    {
        public ValueTask<ToolApproval> DecideAsync(ToolCall call, ITool tool, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ToolApproval.Ask(new ApprovalRequest(call.Name, call.Name, "test", false, null)));

        public ToolApproval Resolve(ToolCall call, ApprovalRequest request, ApprovalAnswer answer) =>
            answer.Allowed ? ToolApproval.Allow : ToolApproval.Deny("no");

        public void Observe(ToolCall call, ToolCallFinished finished)
        {
        }
    }

    /// <summary>A person who takes five minutes to answer.</summary>
    private sealed class SlowPerson(ManualClock clock, bool allow) : IApprovalPrompt
    {
        public ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            return ValueTask.FromResult(allow ? ApprovalAnswer.Once : ApprovalAnswer.No());
        }
    }

    /// <summary>An after-tool hook that takes a minute.</summary>
    private sealed class SlowAfterHook(ManualClock clock) : IToolHooks
    {
        public ValueTask<PreToolOutcome> BeforeToolAsync(ToolCall call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(PreToolOutcome.Continue);

        public ValueTask<string?> AfterToolAsync(ToolCall call, ToolResult result, CancellationToken cancellationToken)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            return ValueTask.FromResult<string?>(null);
        }
    }

    private static async Task<ToolCallFinished> RunOneCall(bool allow)
    {
        var clock = new ManualClock();
        var tool = new FakeTool("edit", ToolEffect.Mutating, (_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(ToolResult.Ok("done"));
        });
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "edit", """{"x":"a"}""")).ThenText("ok");
        var session = new AgentSession(client, new ToolRegistry([tool]), new AgentOptions
        {
            Model = "test/model", Workspace = "/tmp", SessionDirectory = Path.GetTempPath(),
            Approvals = new SlowPerson(clock, allow),
            ToolHooks = new SlowAfterHook(clock),
        }, new AskingPermissions(), clock);
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync("go", TestContext.Current.CancellationToken))
            events.Add(e);
        return events.OfType<ToolCallFinished>().Single();
    }

    [Fact]
    public async Task The_duration_of_an_approved_call_excludes_the_approval_wait_and_the_after_hook()
    {
        var finished = await RunOneCall(allow: true);

        Assert.Equal(ToolCallStatus.Ok, finished.Status);
        Assert.Equal(2000, finished.DurationMs);
    }

    [Fact]
    public async Task A_denied_call_did_not_run_for_the_time_it_waited()
    {
        var finished = await RunOneCall(allow: false);

        Assert.Equal(ToolCallStatus.Denied, finished.Status);
        Assert.Equal(0, finished.DurationMs);
    }
}
