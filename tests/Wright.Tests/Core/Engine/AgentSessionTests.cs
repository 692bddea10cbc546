using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Wright.Core.Approvals;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Core.Tools;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Engine;

public sealed class AgentSessionTests
{
    private static AgentSession Session(IChatClient client, IEnumerable<ITool> tools, int? maxTurns = null, IToolPermissions? approver = null) =>
        new(client, new ToolRegistry(tools), new AgentOptions
        {
            Model = "test/model",
            Workspace = "/tmp",
            SessionDirectory = Path.GetTempPath(),
            SystemPrompt = "system",
            MaxTurns = maxTurns,
        }, approver);

    private static async Task<List<AgentEvent>> Run(AgentSession session, string prompt = "go", CancellationToken ct = default)
    {
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync(prompt, ct))
            events.Add(e);
        return events;
    }

    private static FakeTool Echo(string name = "echo", ToolEffect effect = ToolEffect.ReadOnly) =>
        new(name, effect, (args, _) => Task.FromResult(ToolResult.Ok("echo:" + (args.TryGetProperty("x", out var x) ? x.GetString() : ""))));

    [Fact]
    public async Task Text_answer_streams_deltas_and_finishes_with_success()
    {
        var client = new ScriptedChatClient().ThenText("Hel", "lo");
        var events = await Run(Session(client, []));

        Assert.IsType<SessionStarted>(events[0]);
        Assert.Equal(["Hel", "lo"], events.OfType<TextDelta>().Select(d => d.Text));
        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunStatus.Success, finished.Status);
        Assert.Equal("Hello", finished.Text);
        Assert.Equal(1, finished.Turns);
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.SessionId)));
        Assert.Equal(ChatRole.System, client.Requests[0][0].Role);
    }

    [Fact]
    public async Task Tool_results_are_threaded_back_under_the_call_id()
    {
        var tool = Echo();
        var client = new ScriptedChatClient().ThenCalls(Call("c1", "echo", """{"x":"a"}""")).ThenText("done");
        var session = Session(client, [tool]);
        var events = await Run(session);

        Assert.Equal("a", Assert.Single(tool.Calls).GetProperty("x").GetString());
        var result = client.Requests[1].Last().Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal("c1", result.CallId);
        Assert.Equal("echo:a", result.Result);
        var finished = events.OfType<ToolCallFinished>().Single();
        Assert.Equal(ToolCallStatus.Ok, finished.Status);
        Assert.Equal("""{"x":"a"}""", events.OfType<ToolCallRequested>().Single().Arguments);
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
        Assert.Equal(2, events.OfType<RunFinished>().Single().Turns);
    }

    [Fact]
    public async Task Read_only_calls_run_concurrently()
    {
        var bothStarted = new TaskCompletionSource();
        var started = 0;
        FakeTool Waiter(string name) => new(name, ToolEffect.ReadOnly, async (_, ct) =>
        {
            if (Interlocked.Increment(ref started) == 2)
                bothStarted.TrySetResult();
            await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return ToolResult.Ok(name);
        });

        var client = new ScriptedChatClient().ThenCalls(Call("a", "r1", "{}"), Call("b", "r2", "{}")).ThenText("ok");
        var events = await Run(Session(client, [Waiter("r1"), Waiter("r2")]));

        Assert.All(events.OfType<ToolCallFinished>(), f => Assert.Equal(ToolCallStatus.Ok, f.Status));
        Assert.Equal(["a", "b"], client.Requests[1].Last().Contents.OfType<FunctionResultContent>().Select(r => r.CallId));
    }

    [Fact]
    public async Task Mutating_calls_run_alone_and_in_order()
    {
        var log = new List<string>();
        var running = 0;
        FakeTool Writer(string name) => new(name, ToolEffect.Mutating, async (_, _) =>
        {
            Assert.Equal(1, Interlocked.Increment(ref running));
            lock (log) log.Add("start " + name);
            await Task.Delay(20);
            lock (log) log.Add("end " + name);
            Interlocked.Decrement(ref running);
            return ToolResult.Ok(name);
        });

        var client = new ScriptedChatClient()
            .ThenCalls(Call("1", "w1", "{}"), Call("2", "w2", "{}"), Call("3", "w1", "{}"))
            .ThenText("ok");
        await Run(Session(client, [Writer("w1"), Writer("w2")]));

        Assert.Equal(["start w1", "end w1", "start w2", "end w2", "start w1", "end w1"], log);
    }

    [Fact]
    public async Task Unknown_tool_becomes_an_error_result_and_the_loop_continues()
    {
        var client = new ScriptedChatClient().ThenCalls(Call("u", "nope", "{}")).ThenText("recovered");
        var events = await Run(Session(client, [Echo()]));

        var finished = events.OfType<ToolCallFinished>().Single();
        Assert.Equal(ToolCallStatus.Error, finished.Status);
        Assert.Contains("unknown tool 'nope'", finished.Result);
        Assert.Contains("echo", finished.Result);
        Assert.Equal("recovered", events.OfType<RunFinished>().Single().Text);
    }

    [Fact]
    public async Task Invalid_json_arguments_become_an_error_result()
    {
        var tool = Echo();
        var client = new ScriptedChatClient().ThenCalls(Call("j", "echo", "{\"x\": ")).ThenText("ok");
        var events = await Run(Session(client, [tool]));

        var finished = events.OfType<ToolCallFinished>().Single();
        Assert.Equal(ToolCallStatus.Error, finished.Status);
        Assert.Contains("not valid JSON", finished.Result);
        Assert.Empty(tool.Calls);
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
    }

    [Fact]
    public async Task Arguments_that_do_not_fit_the_schema_become_an_error_result()
    {
        var tool = Echo();
        var client = new ScriptedChatClient().ThenCalls(Call("s", "echo", """{"x":5}""")).ThenText("ok");
        var events = await Run(Session(client, [tool]));

        var finished = events.OfType<ToolCallFinished>().Single();
        Assert.Equal(ToolCallStatus.Error, finished.Status);
        Assert.Contains("argument 'x' must be a string, got an integer", finished.Result);
        Assert.Empty(tool.Calls);
    }

    [Fact]
    public async Task A_tool_that_throws_becomes_an_error_result()
    {
        var boom = new FakeTool("boom", ToolEffect.Mutating, (_, _) => throw new InvalidOperationException("disk on fire"));
        var client = new ScriptedChatClient().ThenCalls(Call("b", "boom", "{}")).ThenText("ok");
        var events = await Run(Session(client, [boom]));

        var finished = events.OfType<ToolCallFinished>().Single();
        Assert.Equal(ToolCallStatus.Error, finished.Status);
        Assert.Equal("Error: boom failed: disk on fire", finished.Result);
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
    }

    [Fact]
    public async Task Denied_calls_are_reported_to_the_model()
    {
        var tool = Echo("w", ToolEffect.Mutating);
        var client = new ScriptedChatClient().ThenCalls(Call("d", "w", "{}")).ThenText("ok");
        var events = await Run(Session(client, [tool], approver: new DenyAll()));

        var finished = events.OfType<ToolCallFinished>().Single();
        Assert.Equal(ToolCallStatus.Denied, finished.Status);
        Assert.Equal("Denied: not today", finished.Result);
        Assert.Empty(tool.Calls);
    }

    [Fact]
    public async Task Max_turns_stops_the_run()
    {
        var client = new ScriptedChatClient()
            .ThenCalls(Call("1", "echo", "{}"))
            .ThenCalls(Call("2", "echo", "{}"))
            .ThenText("never");
        var events = await Run(Session(client, [Echo()], maxTurns: 2));

        var finished = events.OfType<RunFinished>().Single();
        Assert.Equal(RunStatus.MaxTurns, finished.Status);
        Assert.Equal(2, finished.Turns);
        Assert.Equal(2, client.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_during_a_tool_interrupts_it_and_keeps_the_transcript_consistent()
    {
        using var cts = new CancellationTokenSource();
        var slow = new FakeTool("slow", ToolEffect.Mutating, async (_, ct) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            return ToolResult.Ok("unreachable");
        });
        var client = new ScriptedChatClient().ThenCalls(Call("1", "slow", "{}"), Call("2", "slow", "{}"));
        var session = Session(client, [slow]);
        var events = await Run(session, ct: cts.Token);

        Assert.Equal([ToolCallStatus.Interrupted, ToolCallStatus.Interrupted], events.OfType<ToolCallFinished>().Select(f => f.Status));
        Assert.Equal(RunStatus.Cancelled, events.OfType<RunFinished>().Single().Status);
        var callIds = session.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId);
        var resultIds = session.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId);
        Assert.Equal(callIds, resultIds);
        Assert.Single(slow.Calls);
    }

    [Fact]
    public async Task Cancellation_while_streaming_keeps_partial_text_marked_as_interrupted()
    {
        using var cts = new CancellationTokenSource();
        var client = new ScriptedChatClient().Then((_, ct) => Hang(cts, ct));
        var session = Session(client, []);
        var events = await Run(session, ct: cts.Token);

        Assert.Equal(RunStatus.Cancelled, events.OfType<RunFinished>().Single().Status);
        Assert.Equal("partial\n[interrupted]", session.Messages[^1].Text);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Hang(CancellationTokenSource cts, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return Update(new TextContent("partial"));
        await cts.CancelAsync();
        await Task.Delay(Timeout.Infinite, ct);
        yield return Update(new TextContent("never"));
    }

    [Fact]
    public async Task A_retry_after_a_cut_stream_discards_partial_output()
    {
        var client = new ScriptedChatClient().ThenUpdates(
            Update(new TextContent("Hel")),
            Update(new RetryNoticeContent(1, TimeSpan.Zero, "stream cut", discardPartial: true)),
            Update(new TextContent("Hello")));
        var session = Session(client, []);
        var events = await Run(session);

        Assert.Single(events.OfType<RetryScheduled>());
        Assert.Single(events.OfType<ResponseDiscarded>());
        Assert.Equal("Hello", events.OfType<RunFinished>().Single().Text);
        Assert.Equal("Hello", session.Messages[^1].Text);
        Assert.DoesNotContain(session.Messages.SelectMany(m => m.Contents), c => c is RetryNoticeContent);
    }

    [Fact]
    public async Task Provider_errors_are_reported_with_their_kind()
    {
        var client = new ScriptedChatClient().Then((_, _) => Throw(new ProviderException(ErrorKind.ContextOverflow, "too long")));
        var events = await Run(Session(client, []));

        var error = events.OfType<ErrorOccurred>().Single();
        Assert.Equal(ErrorKind.ContextOverflow, error.Kind);
        Assert.Equal("too long", error.Message);
        Assert.Equal(RunStatus.Error, events.OfType<RunFinished>().Single().Status);
    }

    [Fact]
    public async Task Usage_and_cost_are_summed_over_turns()
    {
        UsageContent Usage(long cost) => new(new UsageDetails
        {
            InputTokenCount = 100,
            OutputTokenCount = 10,
            CachedInputTokenCount = 30,
            AdditionalCounts = new() { [UsageKeys.CacheWriteTokens] = 20, [UsageKeys.CostNanoUsd] = cost },
        });
        var client = new ScriptedChatClient()
            .ThenUpdates(Update(Call("1", "echo", "{}")), Update(Usage(1_000_000)))
            .ThenUpdates(Update(new TextContent("ok")), Update(Usage(2_000_000)));
        var events = await Run(Session(client, [Echo()]));

        var finished = events.OfType<RunFinished>().Single();
        Assert.Equal(new TokenUsage(100, 20, 60, 40), finished.Usage);
        Assert.Equal(0.003m, finished.CostUsd);
        Assert.Equal(2, events.OfType<UsageReported>().Count());
    }

    [Fact]
    public async Task The_budget_stops_the_run_before_the_next_request()
    {
        static UsageContent Costly() => new(new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1, AdditionalCounts = new() { [UsageKeys.CostNanoUsd] = 600_000_000 } });
        var client = new ScriptedChatClient()
            .ThenUpdates(Update(Call("1", "echo", "{}")), Update(Costly()))
            .ThenUpdates(Update(Call("2", "echo", "{}")), Update(Costly()))
            .ThenText("never");
        var session = new AgentSession(client, new ToolRegistry([Echo()]), new AgentOptions
        {
            Model = "m", Workspace = "/tmp", SessionDirectory = "/tmp", MaxBudgetUsd = 1.0m,
        });
        var events = await Run(session);

        var finished = events.OfType<RunFinished>().Single();
        Assert.Equal(RunStatus.Budget, finished.Status);
        Assert.Equal(1.2m, finished.CostUsd);
        Assert.Equal(2, client.Requests.Count);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_cancels_the_run_before_the_next_one_starts()
    {
        var entered = new TaskCompletionSource();
        var slow = new FakeTool("slow", ToolEffect.Mutating, async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ToolResult.Ok("never");
        });
        var client = new ScriptedChatClient().ThenCalls(Call("1", "slow", "{}")).ThenText("second");
        var session = Session(client, [slow]);
        await foreach (var e in session.RunAsync("first"))
        {
            if (e is ToolCallRequested)
                break;
        }

        var events = await Run(session, "second");
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
        var callIds = session.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId);
        var resultIds = session.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId);
        Assert.Equal(callIds, resultIds);
    }

    [Fact]
    public async Task A_second_run_continues_the_same_conversation()
    {
        var client = new ScriptedChatClient().ThenText("one").ThenText("two");
        var session = Session(client, []);
        await Run(session, "first");
        var events = await Run(session, "second");

        Assert.Empty(events.OfType<SessionStarted>());
        Assert.Equal(["system", "first", "one", "second"], client.Requests[1].Select(m => m.Text));
    }

    [Fact]
    public async Task A_resumed_transcript_reports_dangling_tool_calls_as_interrupted_and_records_everything()
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.System, "system"),
            new(ChatRole.User, "first"),
            new(ChatRole.Assistant, [Call("lost", "echo", "{}")]),
        };
        var journal = new RecordingJournal();
        var client = new ScriptedChatClient().ThenText("resumed");
        var session = new AgentSession(client, new ToolRegistry([Echo()]), new AgentOptions
        {
            Model = "m", Workspace = "/tmp", SessionDirectory = "/tmp", History = history, Journal = journal, SystemPrompt = "ignored",
        });
        var events = await Run(session, "again");

        var repaired = client.Requests[0][3].Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal("lost", repaired.CallId);
        Assert.StartsWith("Interrupted: Wright stopped", (string)repaired.Result!);
        Assert.Equal(1, client.Requests[0].Count(m => m.Role == ChatRole.System));
        Assert.Equal(3, journal.Messages.Count); // the repair, the new prompt, the answer
        // The journal first learns that the dangling call ended as interrupted, then records the run's events.
        var interrupted = Assert.IsType<ToolCallFinished>(journal.Events[0]);
        Assert.Equal(("lost", "echo", ToolCallStatus.Interrupted), (interrupted.CallId, interrupted.Name, interrupted.Status));
        Assert.Equal(events.Select(e => e.GetType()), journal.Events.Skip(1).Select(e => e.GetType()));
    }

    [Fact]
    public async Task A_user_note_is_journaled_and_seen_by_the_next_run()
    {
        var journal = new RecordingJournal();
        var client = new ScriptedChatClient().ThenText("seen");
        var session = new AgentSession(client, new ToolRegistry([]), new AgentOptions
        {
            Model = "m", Workspace = "/tmp", SessionDirectory = "/tmp", Journal = journal, SystemPrompt = "system",
        });
        session.AddUserNote("I ran: ls\nout");
        await Run(session, "and now?");

        Assert.Equal(["system", "I ran: ls\nout", "and now?"], client.Requests[0].Select(m => m.Text));
        Assert.Equal(ChatRole.User, client.Requests[0][1].Role);
        Assert.Equal("I ran: ls\nout", journal.Messages[1].Text);
        Assert.Throws<ArgumentException>(() => session.AddUserNote(""));
    }

    [Fact]
    public async Task A_user_note_is_redacted_like_a_tool_result()
    {
        var client = new ScriptedChatClient().ThenText("ok");
        var session = new AgentSession(client, new ToolRegistry([]), new AgentOptions
        {
            Model = "m", Workspace = "/tmp", SessionDirectory = "/tmp", SystemPrompt = "system",
            Redactor = new Wright.Permissions.Secrets.SecretRedactor(["sk-live-0123456789abcdef"]),
        });
        session.AddUserNote("I ran: env\nDEEPSEEK_API_KEY=sk-live-0123456789abcdef");
        await Run(session, "what now?");

        var note = client.Requests[0][1].Text;
        Assert.DoesNotContain("sk-live-0123456789abcdef", note);
        Assert.StartsWith("I ran: env\nDEEPSEEK_API_KEY=", note);
    }

    private sealed class RecordingJournal : ISessionJournal
    {
        public List<AgentEvent> Events { get; } = [];

        public List<ChatMessage> Messages { get; } = [];

        public void Record(AgentEvent item) => Events.Add(item);

        public void RecordMessage(ChatMessage message) => Messages.Add(message);

        public void RecordTranscript(IReadOnlyList<ChatMessage> transcript) => Transcripts.Add(transcript);

        public List<IReadOnlyList<ChatMessage>> Transcripts { get; } = [];
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Throw(Exception ex)
    {
        await Task.Yield();
        throw ex;
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }

    private sealed class DenyAll : IToolPermissions
    {
        public ValueTask<ToolApproval> DecideAsync(ToolCall call, ITool tool, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ToolApproval.Deny("not today"));

        public ToolApproval Resolve(ToolCall call, ApprovalRequest request, ApprovalAnswer answer) => ToolApproval.Deny("not today");

        public void Observe(ToolCall call, ToolCallFinished finished)
        {
        }
    }
}
