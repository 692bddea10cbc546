using Microsoft.Extensions.AI;
using Wright.Core.Context;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Providers;
using Wright.Core.Tools;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Core.Context;

/// <summary>Compaction as the engine drives it: before requests, after an overflow, and on <c>/compact</c>.</summary>
public sealed class SessionCompactionTests
{
    private const string SummaryText = "## Goal\nRead the files.\n## Open todos / next steps\nNone.";

    private static AgentSession Session(ScriptedChatClient client, RecordingJournal journal, int window, IEnumerable<ITool>? tools = null) =>
        new(client, new ToolRegistry(tools ?? [Reader()]), new AgentOptions
        {
            Model = "test/model",
            Workspace = "/tmp",
            SessionDirectory = Path.GetTempPath(),
            SystemPrompt = "system",
            Journal = journal,
            Compaction = new CompactionOptions { ContextWindow = window },
        });

    /// <summary>A read-only tool answering about <paramref name="lines"/> × 10 tokens.</summary>
    private static FakeTool Reader(int lines = 80) =>
        new("read", ToolEffect.ReadOnly, (_, _) => Task.FromResult(ToolResult.Ok(ContextCompactorTests.Output(lines))));

    private static async Task<List<AgentEvent>> Run(AgentSession session, string prompt = "read everything")
    {
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunAsync(prompt))
            events.Add(e);
        return events;
    }

    private static FunctionCallContent Read(int i) => Call($"c{i}", "read", "{}");

    [Fact]
    public async Task Crossing_the_threshold_compacts_before_the_request_and_journals_the_new_transcript()
    {
        // Four outputs of ~900 tokens in a 4,000-token window: only the fifth request is above 85%.
        var client = new ScriptedChatClient().ThenCalls(Read(1)).ThenCalls(Read(2)).ThenCalls(Read(3)).ThenCalls(Read(4)).ThenText("done");
        var journal = new RecordingJournal();
        var session = Session(client, journal, window: 4_000);
        var events = await Run(session);

        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
        var compacted = Assert.Single(events.OfType<ContextCompacted>());
        Assert.Equal(5, compacted.Turn);
        Assert.Equal("elided", compacted.Stage);
        Assert.True(compacted.TokensBefore > 3_400, $"{compacted.TokensBefore}");
        Assert.True(compacted.TokensAfter < 2_400, $"{compacted.TokensAfter}");
        Assert.Null(compacted.SummaryUsage);
        Assert.Equal(events.IndexOf(events.OfType<TurnStarted>().Last()) + 1, events.IndexOf(compacted));

        Assert.Equal(5, client.Requests.Count); // eliding sufficed: no summary request
        var last = client.Requests[4];
        Assert.Equal(["system", "read everything"], last.Take(2).Select(m => m.Text));
        var outputs = last.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => (string)r.Result!).ToList();
        Assert.Equal(4, outputs.Count);
        Assert.All(outputs.Take(2), o => Assert.StartsWith("[output elided to save context: 80 lines", o));
        Assert.All(outputs.Skip(2), o => Assert.StartsWith("out line 1:", o));
        ContextCompactorTests.AssertValid(session.Messages);

        var transcript = Assert.Single(journal.Transcripts);
        Assert.Equal(last.Select(m => m.Text), transcript.Select(m => m.Text));
        Assert.Contains(journal.Events, e => e is ContextCompacted);
        Assert.Same(session.Messages[^1], journal.Messages[^1]); // appends after the replacement are journalled too
    }

    [Fact]
    public async Task Reported_input_tokens_drive_the_decision_and_the_summary_is_paid_by_the_run()
    {
        // Tiny outputs, but the provider reports 3,900 input tokens: the next request must be compacted.
        var client = new ScriptedChatClient()
            .ThenCalls(Read(1))
            .ThenCalls(Read(2))
            .ThenCallsWithUsage(3_900, Read(3))
            .ThenTextWithUsage(SummaryText, inputTokens: 700, outputTokens: 30)
            .ThenTextWithUsage("done", inputTokens: 300);
        var journal = new RecordingJournal();
        var session = Session(client, journal, window: 4_000, tools: [Reader(lines: 2)]);
        var events = await Run(session);

        var compacted = Assert.Single(events.OfType<ContextCompacted>());
        Assert.Equal("summarized", compacted.Stage);
        Assert.True(compacted.TokensBefore >= 3_900);
        Assert.Equal(new TokenUsage(700, 30, 0, 0), compacted.SummaryUsage);

        var summaryRequest = client.Requests[3];
        Assert.Null(client.Options[3]!.Tools);
        Assert.Contains("[user: first request]\nread everything", summaryRequest[^1].Text);
        var next = client.Requests[4];
        Assert.NotNull(client.Options[4]!.Tools);
        Assert.Equal(["system", "read everything"], next.Take(2).Select(m => m.Text));
        Assert.StartsWith("<summary of earlier conversation>\n" + SummaryText, next[2].Text);
        ContextCompactorTests.AssertValid(next);

        var finished = events.OfType<RunFinished>().Single();
        Assert.Equal(RunStatus.Success, finished.Status);
        Assert.Equal(3_900 + 700 + 300, finished.Usage.InputTokens);
        var summaryReported = events.OfType<UsageReported>().Single(u => u.Usage.InputTokens == 700);
        Assert.Equal(4, summaryReported.Turn);
        Assert.Equal(events.IndexOf(compacted) - 1, events.IndexOf(summaryReported));
    }

    [Fact]
    public async Task A_context_overflow_compacts_and_retries_the_request_once()
    {
        var client = new ScriptedChatClient()
            .ThenCalls(Read(1))
            .ThenCalls(Read(2))
            .ThenCalls(Read(3))
            .ThenThrow(new ProviderException(ErrorKind.ContextOverflow, "prompt is too long"))
            .ThenText(SummaryText)
            .ThenText("done");
        var journal = new RecordingJournal();
        var session = Session(client, journal, window: 200_000);
        var events = await Run(session);

        Assert.Empty(events.OfType<ErrorOccurred>());
        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
        Assert.Equal(4, events.OfType<RunFinished>().Single().Turns);
        var compacted = Assert.Single(events.OfType<ContextCompacted>());
        Assert.Equal((4, "summarized"), (compacted.Turn, compacted.Stage));

        Assert.Equal(6, client.Requests.Count);
        Assert.Null(client.Options[4]!.Tools);
        var retried = client.Requests[5];
        Assert.Equal(["system", "read everything"], retried.Take(2).Select(m => m.Text));
        Assert.Contains(SummaryText, retried[2].Text);
        Assert.Equal(client.Requests[3].TakeLast(2).Select(m => m.Contents.Count), retried.Skip(3).Select(m => m.Contents.Count));
        Assert.Equal("c3", retried[^1].Contents.OfType<FunctionResultContent>().Single().CallId);
        Assert.StartsWith("out line 1:", (string)retried[^1].Contents.OfType<FunctionResultContent>().Single().Result!);
        ContextCompactorTests.AssertValid(session.Messages);
        Assert.Single(journal.Transcripts);
    }

    [Fact]
    public async Task A_second_overflow_ends_the_run_with_the_error()
    {
        var client = new ScriptedChatClient()
            .ThenCalls(Read(1))
            .ThenCalls(Read(2))
            .ThenThrow(new ProviderException(ErrorKind.ContextOverflow, "prompt is too long"))
            .ThenText(SummaryText)
            .ThenThrow(new ProviderException(ErrorKind.ContextOverflow, "still too long"));
        var session = Session(client, new RecordingJournal(), window: 200_000);
        var events = await Run(session);

        var error = Assert.Single(events.OfType<ErrorOccurred>());
        Assert.Equal((ErrorKind.ContextOverflow, "still too long"), (error.Kind, error.Message));
        Assert.Equal(RunStatus.Error, events.OfType<RunFinished>().Single().Status);
        Assert.Single(events.OfType<ContextCompacted>());
        Assert.Equal(5, client.Requests.Count);
    }

    [Fact]
    public async Task An_overflow_with_nothing_to_compact_is_reported_without_a_retry()
    {
        var client = new ScriptedChatClient().ThenThrow(new ProviderException(ErrorKind.ContextOverflow, "prompt is too long"));
        var session = Session(client, new RecordingJournal(), window: 200_000);
        var events = await Run(session);

        Assert.Equal("prompt is too long", Assert.Single(events.OfType<ErrorOccurred>()).Message);
        Assert.Equal("none", Assert.Single(events.OfType<ContextCompacted>()).Stage);
        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task Compact_between_runs_summarizes_and_the_next_run_continues_from_it()
    {
        var client = new ScriptedChatClient()
            .ThenCalls(Read(1))
            .ThenCalls(Read(2))
            .ThenText("first answer")
            .ThenTextWithUsage(SummaryText, inputTokens: 500)
            .ThenText("second answer");
        var journal = new RecordingJournal();
        var session = Session(client, journal, window: 200_000);
        await Run(session);

        var compacted = await session.CompactAsync();
        Assert.Equal((0, "summarized"), (compacted.Turn, compacted.Stage));
        Assert.Equal(500, compacted.SummaryUsage?.InputTokens);
        Assert.Equal(session.Id, compacted.SessionId);
        Assert.Same(compacted, journal.Events[^1]);
        Assert.Equal(500, Assert.IsType<UsageReported>(journal.Events[^2]).Usage.InputTokens); // the session's cost includes it
        Assert.Equal(["system", "read everything"], session.Messages.Take(2).Select(m => m.Text));
        Assert.Contains(SummaryText, session.Messages[2].Text);
        Assert.Equal("first answer", session.Messages[^1].Text);
        Assert.Equal(4, session.Messages.Count);
        Assert.Equal(session.Messages, journal.Transcripts.Single());

        var events = await Run(session, "and now?");
        Assert.Equal("second answer", events.OfType<RunFinished>().Single().Text);
        Assert.Equal(["system", "read everything", session.Messages[2].Text, "first answer", "and now?"], client.Requests[^1].Select(m => m.Text));
    }

    [Fact]
    public async Task Compact_is_refused_while_a_run_is_in_progress_or_without_a_window()
    {
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var blocking = new FakeTool("read", ToolEffect.ReadOnly, async (_, ct) =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(ct);
            return ToolResult.Ok("ok");
        });
        var client = new ScriptedChatClient().ThenCalls(Read(1)).ThenText("done");
        var session = Session(client, new RecordingJournal(), window: 200_000, tools: [blocking]);
        var run = Run(session);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => session.CompactAsync());
        Assert.Contains("run is in progress", refused.Message);
        release.SetResult();
        Assert.Equal(RunStatus.Success, (await run).OfType<RunFinished>().Single().Status);

        var plain = new AgentSession(new ScriptedChatClient(), new ToolRegistry([]), new AgentOptions { Model = "m", Workspace = "/tmp", SessionDirectory = "/tmp" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => plain.CompactAsync());
    }

    [Fact]
    public async Task A_failed_summary_does_not_end_the_run()
    {
        var client = new ScriptedChatClient()
            .ThenCalls(Read(1))
            .ThenCalls(Read(2))
            .ThenCallsWithUsage(3_900, Read(3))
            .ThenThrow(new ProviderException(ErrorKind.ServerError, "summarizer down"))
            .ThenText("done");
        var session = Session(client, new RecordingJournal(), window: 4_000, tools: [Reader(lines: 2)]);
        var events = await Run(session);

        Assert.Equal(RunStatus.Success, events.OfType<RunFinished>().Single().Status);
        var compacted = Assert.Single(events.OfType<ContextCompacted>());
        Assert.Equal("none", compacted.Stage);
        Assert.Contains("summarizer down", compacted.Error);
    }

    [Fact]
    public void The_event_has_its_wire_name()
    {
        AgentEvent compacted = new ContextCompacted(3, 9_000, 2_000, "summarized", new TokenUsage(1, 2, 0, 0));
        var json = System.Text.Json.JsonSerializer.Serialize(compacted, Wright.Core.Events.AgentEventJsonContext.Default.AgentEvent);
        Assert.StartsWith("""{"type":"context_compacted","turn":3,"tokens_before":9000,"tokens_after":2000,"stage":"summarized","summary_usage":{"input_tokens":1""", json);
    }

    private sealed class RecordingJournal : ISessionJournal
    {
        public List<AgentEvent> Events { get; } = [];

        public List<ChatMessage> Messages { get; } = [];

        public List<IReadOnlyList<ChatMessage>> Transcripts { get; } = [];

        public void Record(AgentEvent item) => Events.Add(item);

        public void RecordMessage(ChatMessage message) => Messages.Add(message);

        public void RecordTranscript(IReadOnlyList<ChatMessage> transcript) => Transcripts.Add([.. transcript]);
    }
}
