using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Events;
using Wright.Core.Tools;
using Wright.Sessions.Store;
using Wright.Tests.Support;
using static Wright.Tests.Support.ScriptedChatClient;

namespace Wright.Tests.Sessions.Store;

public sealed class SessionStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-store-").FullName;

    private string DbPath => Path.Combine(_dir, "wright.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Json(IEnumerable<ChatMessage> messages) =>
        JsonSerializer.Serialize(messages.ToList(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(List<ChatMessage>)));

    private static async Task<AgentSession> RunSession(SessionStore store, IChatClient client, IEnumerable<ITool> tools, string id, string prompt,
        IReadOnlyList<ChatMessage>? history = null)
    {
        var session = new AgentSession(client, new ToolRegistry(tools), new AgentOptions
        {
            Model = "test/model",
            Workspace = "/work/project",
            SessionDirectory = Path.GetTempPath(),
            SystemPrompt = "system",
            SessionId = id,
            History = history,
            Journal = store.OpenJournal(id),
        });
        await foreach (var _ in session.RunAsync(prompt))
        {
        }

        return session;
    }

    [Fact]
    public async Task A_run_is_recorded_and_its_transcript_loads_back_identically()
    {
        using var store = SessionStore.Open(DbPath);
        store.Create("s1", "/work/project", "test/model");
        var big = string.Concat(Enumerable.Repeat("line of output\n", 1000));
        var tool = new FakeTool("read", ToolEffect.ReadOnly, (_, _) => Task.FromResult(ToolResult.Ok(big)));
        var client = new ScriptedChatClient()
            .ThenUpdates(Update(new TextReasoningContent("thinking") { ProtectedData = "sig-123" }, Call("c1", "read", """{"x":"a"}""")))
            .ThenUpdates(new ChatResponseUpdate(ChatRole.Assistant, "all done") { MessageId = "m2" },
                new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20 })] });

        var session = await RunSession(store, client, [tool], "s1", "Fix the 登录 bug\nsecond line");

        var loaded = store.LoadTranscript("s1");
        Assert.Equal(Json(session.Messages), Json(loaded));
        var reasoning = loaded.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Single();
        Assert.Equal("sig-123", reasoning.ProtectedData);
        Assert.Equal(big, loaded.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single().Result);

        var record = store.Get("s1")!;
        Assert.Equal("Fix the 登录 bug", record.Title);
        Assert.Equal(2, record.Turns);
        Assert.Equal(120, record.InputTokens + record.OutputTokens);
        Assert.Equal("success", record.Status);
        var call = Assert.Single(store.ToolCalls("s1"));
        Assert.Equal(("c1", "read", "ok", big), (call.CallId, call.Name, call.Status, call.Result));

        // The large output is stored once, although it appears in a message, an event and a tool-call row.
        using var raw = new SqliteConnection("Data Source=" + DbPath);
        raw.Open();
        using var count = raw.CreateCommand();
        count.CommandText = "SELECT count(*), sum(size) FROM blobs";
        using var reader = count.ExecuteReader();
        reader.Read();
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal(big.Length, reader.GetInt64(1));
        using var types = raw.CreateCommand();
        types.CommandText = "SELECT group_concat(DISTINCT type) FROM events";
        var stored = ((string)types.ExecuteScalar()!).Split(',');
        Assert.Contains("tool_call_finished", stored);
        Assert.Contains("run_finished", stored);
        Assert.DoesNotContain("", stored);
        Assert.DoesNotContain(store.EventLines("s1"), line => line.Contains("line of output", StringComparison.Ordinal));
        Assert.DoesNotContain(store.EventLines("s1"), line => line.Contains("text_delta", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resumed_session_reports_the_interrupted_call_and_continues_in_the_same_record()
    {
        using var store = SessionStore.Open(DbPath);
        store.Create("s1", "/work/project", "test/model");
        var journal = store.OpenJournal("s1");
        // What a process killed during a tool call leaves behind: the call was recorded, its result never was.
        journal.RecordMessage(new ChatMessage(ChatRole.System, "system"));
        journal.RecordMessage(new ChatMessage(ChatRole.User, "run the migration"));
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant, [Call("c9", "shell", """{"x":"migrate"}""")]));
        journal.Record(new ToolCallRequested("c9", "shell", """{"x":"migrate"}"""));

        var client = new ScriptedChatClient().ThenText("The migration was interrupted; I will check its state.");
        var session = await RunSession(store, client, [], "s1", "continue", store.LoadTranscript("s1"));

        var sent = client.Requests[0];
        var repaired = sent.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("c9", repaired.CallId);
        Assert.StartsWith("Interrupted", (string)repaired.Result!, StringComparison.Ordinal);
        Assert.Equal("continue", sent[^1].Text);
        Assert.Equal(Json(session.Messages), Json(store.LoadTranscript("s1")));
        Assert.Equal("interrupted", Assert.Single(store.ToolCalls("s1")).Status);
    }

    [Fact]
    public async Task A_fork_copies_the_transcript_and_leaves_the_source_alone()
    {
        using var store = SessionStore.Open(DbPath);
        store.Create("s1", "/work/project", "test/model");
        await RunSession(store, new ScriptedChatClient().ThenText("first answer"), [], "s1", "first");
        var fork = store.Fork("s1", "s2");
        await RunSession(store, new ScriptedChatClient().ThenText("fork answer"), [], "s2", "in the fork", store.LoadTranscript("s2"));

        Assert.Equal("s1", fork.ParentId);
        Assert.Equal("first", fork.Title);
        Assert.Equal(3, store.LoadTranscript("s1").Count);
        Assert.Equal(["system", "first", "first answer", "in the fork", "fork answer"], store.LoadTranscript("s2").Select(m => m.Text));
    }

    [Fact]
    public void Sessions_are_found_by_prefix_and_listed_newest_first_per_workspace()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var store = SessionStore.Open(DbPath, time);
        store.Create("20261101-100000-aaaaaa", "/a", "m");
        time.Advance(TimeSpan.FromMinutes(1));
        store.Create("20261101-100100-bbbbbb", "/a", "m");
        time.Advance(TimeSpan.FromMinutes(1));
        store.Create("20261101-100200-cccccc", "/b", "m");

        Assert.Equal("20261101-100100-bbbbbb", store.Latest("/a")!.Id);
        Assert.Equal("20261101-100000-aaaaaa", store.Find("20261101-1000").Id);
        Assert.Contains("several sessions", Assert.Throws<StoreException>(() => store.Find("20261101")).Message);
        Assert.Contains("no session 'zzz'", Assert.Throws<StoreException>(() => store.Find("zzz")).Message);
        Assert.Equal(["20261101-100200-cccccc", "20261101-100100-bbbbbb", "20261101-100000-aaaaaa"], store.List().Select(s => s.Id));
        Assert.Equal(2, store.List("/a").Count);
        Assert.Null(store.Latest("/nowhere"));
    }

    [Fact]
    public void A_replaced_transcript_becomes_current_and_rewind_goes_back_to_a_checkpoint()
    {
        using var store = SessionStore.Open(DbPath);
        store.Create("s1", "/w", "m");
        var journal = store.OpenJournal("s1");
        journal.RecordMessage(new ChatMessage(ChatRole.System, "system"));
        journal.RecordMessage(new ChatMessage(ChatRole.User, "make it faster"));
        journal.Record(new TurnStarted(1));
        journal.Record(new CheckpointCreated(1, "snap-1", 2, 5));
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant, "changed things"));
        journal.RecordTranscript([new ChatMessage(ChatRole.System, "system"), new ChatMessage(ChatRole.User, "summary")]);
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant, "after compaction"));

        Assert.Equal(["system", "summary", "after compaction"], store.LoadTranscript("s1").Select(m => m.Text));
        var checkpoint = Assert.Single(store.Checkpoints("s1"));
        Assert.Equal(("snap-1", 1, "make it faster"), (checkpoint.Snapshot, checkpoint.Turn, checkpoint.Prompt));

        Assert.Equal(2, store.RewindConversation(checkpoint));
        Assert.Equal(["system", "make it faster"], store.LoadTranscript("s1").Select(m => m.Text));
        // A journal opened later continues the rewound transcript.
        store.OpenJournal("s1").RecordMessage(new ChatMessage(ChatRole.User, "try again"));
        Assert.Equal(["system", "make it faster", "try again"], store.LoadTranscript("s1").Select(m => m.Text));
    }

    [Fact]
    public void Search_finds_messages_and_memories_in_english_and_chinese_citing_session_and_turn()
    {
        using var store = SessionStore.Open(DbPath);
        store.Create("s1", "/w", "m");
        var journal = store.OpenJournal("s1");
        journal.RecordMessage(new ChatMessage(ChatRole.User, "Why does the PaymentGateway time out?"));
        journal.Record(new TurnStarted(1));
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant, "修复了登录页面的超时问题"));
        journal.RecordMessage(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "PaymentGateway in tool output is not indexed")]));
        store.Remember("The team deploys with blue-green releases", project: "/w");

        var hit = Assert.Single(store.Search("paymentgateway"));
        Assert.Equal(("user", "s1", 1), (hit.Kind, hit.SessionId, hit.Turn));
        Assert.Contains("[PaymentGateway]", hit.Snippet);
        Assert.Equal("s1 turn 1", hit.Reference);
        Assert.Equal("assistant", Assert.Single(store.Search("登录页面")).Kind);
        Assert.Equal("assistant", Assert.Single(store.Search("超时")).Kind);
        var memory = Assert.Single(store.Search("blue-green"));
        Assert.Equal("memory", memory.Kind);
        Assert.Empty(store.Search("gateway nonexistentword"));
        Assert.Empty(store.Search("   "));
        // FTS syntax in the query is taken literally, never as operators (and never an error).
        Assert.Empty(store.Search("\"Payment* OR NEAR( -x"));
        Assert.Single(store.Search("time out?"));
    }

    [Fact]
    public void Search_shows_each_session_turn_once_however_many_of_its_messages_match()
    {
        using var store = SessionStore.Open(DbPath);
        store.Create("s1", "/w", "m");
        var journal = store.OpenJournal("s1");
        journal.RecordMessage(new ChatMessage(ChatRole.User, "rename the widget factory"));
        journal.Record(new TurnStarted(1));
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant, "I will rename the widget factory"));
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant, "the widget factory is renamed"));
        journal.RecordMessage(new ChatMessage(ChatRole.User, "now test the widget"));
        journal.Record(new TurnStarted(2));

        Assert.Equal(["s1 turn 1", "s1 turn 2"], store.Search("widget").Select(h => h.Reference).Order());
        Assert.Equal(["s1 turn 1"], store.Search("widget factory").Select(h => h.Reference));
        // Short words go through the substring path: the same rule holds.
        Assert.Equal(["s1 turn 2", "s1 turn 1"], store.Search("wi").Select(h => h.Reference));
    }

    [Fact]
    public void Memories_are_scoped_and_can_be_forgotten()
    {
        using var store = SessionStore.Open(DbPath);
        var user = store.Remember("Prefers tabs", project: null);
        store.Remember("Uses pnpm", project: "/p1");
        store.Remember("Uses poetry", project: "/p2");

        Assert.Equal(["Prefers tabs", "Uses pnpm"], store.Memories("/p1").Select(m => m.Text));
        Assert.Equal("user", user.Scope);
        Assert.True(store.Forget(user.Id));
        Assert.False(store.Forget(user.Id));
        Assert.Equal(["Uses poetry"], store.Memories("/p2").Select(m => m.Text));
        Assert.Empty(store.Search("Prefers tabs"));
    }

    [Fact]
    public void Cost_is_summed_by_day_and_model()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-20T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var store = SessionStore.Open(DbPath, time);
        store.Create("s1", "/w", "anthropic/claude-sonnet-4-5");
        store.Create("s2", "/w", "deepseek/deepseek-chat");
        store.OpenJournal("s1").Record(new UsageReported(1, new TokenUsage(1000, 100, 500, 0), 0.01m));
        store.OpenJournal("s2").Record(new UsageReported(1, new TokenUsage(10, 1, 0, 0), null));
        time.Advance(TimeSpan.FromHours(2));
        store.OpenJournal("s1").Record(new UsageReported(2, new TokenUsage(2000, 200, 0, 0), 0.02m));
        store.OpenJournal("s1").Record(new UsageReported(3, new TokenUsage(1, 1, 0, 0), 0.005m));

        var rows = store.CostByDayAndModel();
        Assert.Equal(3, rows.Count);
        Assert.Equal(("2026-11-21", "anthropic/claude-sonnet-4-5", 2, 0.025m), (rows[0].Day, rows[0].Model, rows[0].Requests, rows[0].CostUsd));
        Assert.Equal(("2026-11-20", "anthropic/claude-sonnet-4-5", 500L), (rows[1].Day, rows[1].Model, rows[1].CacheReadTokens));
        Assert.Equal(("deepseek/deepseek-chat", 1, 0m), (rows[2].Model, rows[2].UnpricedRequests, rows[2].CostUsd));
        Assert.Equal(0.035m, store.Get("s1")!.CostUsd);
    }

    [Fact]
    public void An_older_schema_is_migrated_in_place_and_a_newer_one_is_refused()
    {
        using (var old = new SqliteConnection("Data Source=" + DbPath))
        {
            old.Open();
            Schema.MigrateTo(old, 1);
            using var insert = old.CreateCommand();
            insert.CommandText = "INSERT INTO sessions (id, workspace, model, title, created, updated) VALUES ('old1', '/w', 'm', 'from v1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')";
            insert.ExecuteNonQuery();
        }

        using (var store = SessionStore.Open(DbPath))
        {
            Assert.Equal("from v1", store.Get("old1")!.Title);
            store.Remember("works after migration", null);
            Assert.Single(store.Search("after migration"));
        }

        using (var newer = new SqliteConnection("Data Source=" + DbPath))
        {
            newer.Open();
            using var bump = newer.CreateCommand();
            bump.CommandText = $"PRAGMA user_version = {Schema.Latest + 1}";
            bump.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        Assert.Contains("newer Wright", Assert.Throws<StoreException>(() => SessionStore.Open(DbPath)).Message);
    }

    [Fact]
    public void Untrusted_sources_are_stored_as_safety_labels()
    {
        using var store = SessionStore.Open(DbPath);
        store.Create("s1", "/w", "m");
        store.OpenJournal("s1").Record(new ToolCallFinished("c1", "web_fetch", ToolCallStatus.Ok, "page", 3) { UntrustedSource = "https://evil.example/" });
        Assert.Equal([("untrusted_source", "https://evil.example/")], store.Labels("s1"));
        Assert.Equal("https://evil.example/", store.ToolCalls("s1").Single().UntrustedSource);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
