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

    /// <summary>Takes five minutes to approve (a person thinking), then a minute in its after-tool hook.</summary>
    private sealed class SlowApprover(ManualClock clock, bool allow) : IToolApprover, IToolResultInterceptor
    {
        public ValueTask<ToolApproval> ApproveAsync(ToolCall call, ITool tool, CancellationToken cancellationToken)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            return ValueTask.FromResult(allow ? ToolApproval.Allow : ToolApproval.Deny("no"));
        }

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
        }, new SlowApprover(clock, allow), clock);
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
