using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Wright.Core.Approvals;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Engine;

/// <summary>The dispatch of one tool call as fixed steps, and the approval protocol (event out, operation in).</summary>
public sealed class DispatchPipelineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Records every step it is asked for; asks about every call whose tool name starts with "ask".</summary>
    private sealed class Steps : IToolPermissions, IToolHooks
    {
        public List<string> Log { get; } = [];

        public PreToolOutcome Pre { get; set; } = PreToolOutcome.Continue;

        public ToolApproval? Decision { get; set; }

        private void Add(string step)
        {
            lock (Log)
                Log.Add(step);
        }

        public ValueTask<PreToolOutcome> BeforeToolAsync(ToolCall call, CancellationToken cancellationToken)
        {
            Add($"pre {call.CallId}");
            return ValueTask.FromResult(Pre);
        }

        public ValueTask<ToolApproval> DecideAsync(ToolCall call, ITool tool, CancellationToken cancellationToken)
        {
            Add($"decide {call.CallId} {call.Arguments.GetRawText()}");
            return ValueTask.FromResult(Decision ?? (call.Name.StartsWith("ask", StringComparison.Ordinal)
                ? ToolApproval.Ask(new ApprovalRequest(call.Name, "do it", "it asks", true, call.Name + "(*)"))
                : ToolApproval.Allow));
        }

        public ToolApproval Resolve(ToolCall call, ApprovalRequest request, ApprovalAnswer answer)
        {
            Add($"resolve {request.CallId} {answer.Allowed}");
            return answer.Allowed ? ToolApproval.Allow : ToolApproval.Deny(answer.Reason ?? "declined");
        }

        public ValueTask<string?> AfterToolAsync(ToolCall call, ToolResult result, CancellationToken cancellationToken)
        {
            Add($"post {call.CallId}");
            return ValueTask.FromResult<string?>("checked");
        }

        public void Observe(ToolCall call, ToolCallFinished finished) => Add($"observe {call.CallId} {finished.Status}");
    }

    private static FakeTool Tool(string name, ToolEffect effect, List<string>? log = null) =>
        new(name, effect, (args, _) =>
        {
            if (log is not null)
            {
                lock (log)
                    log.Add("run " + args.GetProperty("x").GetString());
            }

            return Task.FromResult(ToolResult.Ok("did " + args.GetProperty("x").GetString()));
        });

    private static AgentSession Session(IChatClient client, IEnumerable<ITool> tools, Steps steps, IApprovalPrompt? prompt = null, TimeProvider? time = null) =>
        new(client, new ToolRegistry(tools), new AgentOptions
        {
            Model = "test/model", Workspace = "/tmp", SessionDirectory = Path.GetTempPath(), SessionId = "s1",
            ToolHooks = steps, Approvals = prompt,
        }, steps, time);

    /// <summary>Runs in the background; the events arrive on a channel so the test can answer approvals while it runs.</summary>
    private static (ChannelReader<AgentEvent> Events, Task Done) Start(AgentSession session, CancellationToken ct = default)
    {
        var channel = Channel.CreateUnbounded<AgentEvent>();
        var done = Task.Run(async () =>
        {
            await foreach (var e in session.RunAsync("go", ct))
                await channel.Writer.WriteAsync(e, CancellationToken.None);
            channel.Writer.Complete();
        }, CancellationToken.None);
        return (channel.Reader, done);
    }

    private static async Task<T> NextAsync<T>(ChannelReader<AgentEvent> events, List<AgentEvent>? seen = null) where T : AgentEvent
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            var e = await events.ReadAsync(timeout.Token);
            seen?.Add(e);
            if (e is T match)
                return match;
        }
    }

    [Fact]
    public async Task The_steps_run_in_their_fixed_order_and_an_approval_is_an_event_answered_by_an_operation()
    {
        var steps = new Steps();
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "ask_write", """{"x":"a"}""")).ThenText("done");
        var session = Session(client, [Tool("ask_write", ToolEffect.Mutating, steps.Log)], steps);
        var (events, done) = Start(session);

        var requested = await NextAsync<ApprovalRequested>(events);
        Assert.Equal("c1", requested.Request.CallId);
        Assert.Equal("""{"x":"a"}""", requested.Request.Arguments);
        Assert.True(requested.Request.CanRemember);
        Assert.Equal("c1", Assert.Single(session.PendingApprovals.Items).Request.CallId);
        Assert.False(session.ResolveApproval("nope", ApprovalAnswer.Once));
        Assert.True(session.ResolveApproval("c1", ApprovalAnswer.Once));
        Assert.False(session.ResolveApproval("c1", ApprovalAnswer.Once));

        var resolved = await NextAsync<ApprovalResolved>(events);
        Assert.True(resolved.Allowed);
        var finished = await NextAsync<ToolCallFinished>(events);
        Assert.Equal("did a\n\nchecked", finished.Result);
        await done;
        Assert.Equal(["pre c1", """decide c1 {"x":"a"}""", "resolve c1 True", "run a", "post c1", "observe c1 Ok"], steps.Log);
        Assert.Empty(session.PendingApprovals.Items);
    }

    [Fact]
    public async Task Two_parallel_calls_of_one_tool_each_carry_their_own_call_id_and_arguments()
    {
        var steps = new Steps();
        var client = new ScriptedChatClient()
            .ThenCalls(Call("w1", "ask_write", """{"x":"a.txt"}"""), Call("w2", "ask_write", """{"x":"b.txt"}"""))
            .ThenText("done");
        var session = Session(client, [Tool("ask_write", ToolEffect.Mutating)], steps);
        var (events, done) = Start(session);

        var first = await NextAsync<ApprovalRequested>(events);
        Assert.Equal(("w1", """{"x":"a.txt"}"""), (first.Request.CallId, first.Request.Arguments));
        session.ResolveApproval("w1", ApprovalAnswer.No("not a"));
        var second = await NextAsync<ApprovalRequested>(events);
        Assert.Equal(("w2", """{"x":"b.txt"}"""), (second.Request.CallId, second.Request.Arguments));
        session.ResolveApproval("w2", ApprovalAnswer.Once);
        await done;

        var results = client.Requests[1].Last().Contents.OfType<FunctionResultContent>().ToDictionary(r => r.CallId, r => (string)r.Result!);
        Assert.StartsWith("Denied: declined", results["w1"]);
        Assert.Equal("did b.txt\n\nchecked", results["w2"]);
    }

    [Fact]
    public async Task Concurrent_read_only_calls_wait_together_and_each_answer_reaches_its_own_call()
    {
        var steps = new Steps();
        var client = new ScriptedChatClient()
            .ThenCalls(Call("r1", "ask_read", """{"x":"one"}"""), Call("r2", "ask_read", """{"x":"two"}"""))
            .ThenText("done");
        var session = Session(client, [Tool("ask_read", ToolEffect.ReadOnly)], steps);
        var (events, done) = Start(session);

        var asked = new[] { await NextAsync<ApprovalRequested>(events), await NextAsync<ApprovalRequested>(events) };
        Assert.Equal(["r1", "r2"], asked.Select(a => a.Request.CallId).Order(StringComparer.Ordinal));
        Assert.Equal(2, session.PendingApprovals.Items.Count);
        // Answered out of order: each answer belongs to its own call.
        session.ResolveApproval("r2", ApprovalAnswer.Once);
        session.ResolveApproval("r1", ApprovalAnswer.No());
        await done;

        var results = client.Requests[1].Last().Contents.OfType<FunctionResultContent>().ToDictionary(r => r.CallId, r => (string)r.Result!);
        Assert.StartsWith("Denied:", results["r1"]);
        Assert.Equal("did two\n\nchecked", results["r2"]);
    }

    private sealed class FixedPrompt(ApprovalAnswer answer) : IApprovalPrompt
    {
        public List<ApprovalRequest> Asked { get; } = [];

        public ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
        {
            lock (Asked)
                Asked.Add(request);
            return ValueTask.FromResult(answer);
        }
    }

    private sealed class SilentPrompt : IApprovalPrompt
    {
        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult(true);
                throw;
            }

            return ApprovalAnswer.Once;
        }
    }

    [Fact]
    public async Task The_hosts_prompt_answers_through_the_same_operation_and_a_policy_reason_reaches_the_model()
    {
        var steps = new Steps();
        var prompt = new FixedPrompt(ApprovalAnswer.Refuse("needs approval, and this run cannot ask"));
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "ask_write", """{"x":"a"}""")).ThenText("done");
        var events = new List<AgentEvent>();
        await foreach (var e in Session(client, [Tool("ask_write", ToolEffect.Mutating)], steps, prompt).RunAsync("go", TestContext.Current.CancellationToken))
            events.Add(e);

        Assert.Equal("c1", Assert.Single(prompt.Asked).CallId);
        var resolved = events.OfType<ApprovalResolved>().Single();
        Assert.Equal(("c1", false, "needs approval, and this run cannot ask"), (resolved.CallId, resolved.Allowed, resolved.Reason));
        Assert.Equal("Denied: needs approval, and this run cannot ask", events.OfType<ToolCallFinished>().Single().Result);
        Assert.True(events.IndexOf(events.OfType<ApprovalRequested>().Single()) < events.IndexOf(resolved));
    }

    [Fact]
    public async Task An_operation_that_answers_first_withdraws_the_prompt()
    {
        var steps = new Steps();
        var prompt = new SilentPrompt();
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "ask_write", """{"x":"a"}""")).ThenText("done");
        var session = Session(client, [Tool("ask_write", ToolEffect.Mutating)], steps, prompt);
        var (events, done) = Start(session);
        await NextAsync<ApprovalRequested>(events);
        Assert.True(session.ResolveApproval("c1", ApprovalAnswer.Once));
        await prompt.Cancelled.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(ToolCallStatus.Ok, (await NextAsync<ToolCallFinished>(events)).Status);
        await done;
    }

    [Fact]
    public async Task Cancelling_while_an_approval_waits_interrupts_the_call_and_withdraws_the_request()
    {
        var steps = new Steps();
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "ask_write", """{"x":"a"}""")).ThenText("done");
        var session = Session(client, [Tool("ask_write", ToolEffect.Mutating)], steps);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var (events, done) = Start(session, cancel.Token);
        var seen = new List<AgentEvent>();
        await NextAsync<ApprovalRequested>(events, seen);
        await cancel.CancelAsync();
        var finished = await NextAsync<RunFinished>(events, seen);
        await done;

        Assert.Equal(RunStatus.Cancelled, finished.Status);
        Assert.Equal("cancelled", seen.OfType<ApprovalResolved>().Single().Reason);
        Assert.Equal(ToolCallStatus.Interrupted, seen.OfType<ToolCallFinished>().Single().Status);
        Assert.Empty(session.PendingApprovals.Items);
        Assert.DoesNotContain(steps.Log, l => l.StartsWith("run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hook_that_approves_spares_the_question_but_never_turns_a_denial_into_an_approval()
    {
        var steps = new Steps { Pre = new PreToolOutcome(false) { Approved = true } };
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "ask_write", """{"x":"a"}""")).ThenText("done");
        var events = new List<AgentEvent>();
        await foreach (var e in Session(client, [Tool("ask_write", ToolEffect.Mutating)], steps).RunAsync("go", TestContext.Current.CancellationToken))
            events.Add(e);
        Assert.Empty(events.OfType<ApprovalRequested>());
        Assert.Equal(ToolCallStatus.Ok, events.OfType<ToolCallFinished>().Single().Status);

        steps.Decision = ToolApproval.Deny("blocked by the rule deny ask_write");
        var denied = new List<AgentEvent>();
        client = new ScriptedChatClient().ThenCalls(Call("c2", "ask_write", """{"x":"b"}""")).ThenText("done");
        await foreach (var e in Session(client, [Tool("ask_write", ToolEffect.Mutating)], steps).RunAsync("go", TestContext.Current.CancellationToken))
            denied.Add(e);
        Assert.Equal("Denied: blocked by the rule deny ask_write", denied.OfType<ToolCallFinished>().Single().Result);
    }

    [Fact]
    public async Task A_pre_hook_rewrite_is_what_the_approval_shows_and_what_runs()
    {
        var steps = new Steps { Pre = new PreToolOutcome(false) { UpdatedArguments = JsonDocument.Parse("""{"x":"rewritten"}""").RootElement.Clone() } };
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "ask_write", """{"x":"a"}""")).ThenText("done");
        var prompt = new FixedPrompt(ApprovalAnswer.Once);
        var tool = Tool("ask_write", ToolEffect.Mutating);
        await foreach (var _ in Session(client, [tool], steps, prompt).RunAsync("go", TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal("""{"x":"rewritten"}""", Assert.Single(prompt.Asked).Arguments);
        Assert.Equal("rewritten", tool.Calls.Single().GetProperty("x").GetString());
    }

    /// <summary>A clock that only moves when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    [Fact]
    public async Task The_reported_duration_excludes_the_wait_for_approval()
    {
        var time = new ManualTime();
        var steps = new Steps();
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "ask_write", """{"x":"a"}""")).ThenText("done");
        var tool = new FakeTool("ask_write", ToolEffect.Mutating, (_, _) =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return Task.FromResult(ToolResult.Ok("ran"));
        });
        var session = Session(client, [tool], steps, time: time);
        var (events, done) = Start(session);
        await NextAsync<ApprovalRequested>(events);
        time.Advance(TimeSpan.FromMinutes(5));
        session.ResolveApproval("c1", ApprovalAnswer.Once);
        var finished = await NextAsync<ToolCallFinished>(events);
        await done;
        Assert.Equal(250, finished.DurationMs);
    }
}
