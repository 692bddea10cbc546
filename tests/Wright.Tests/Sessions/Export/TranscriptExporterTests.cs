using System.Text.Json;
using Microsoft.Extensions.AI;
using Wright.Core.Context;
using Wright.Core.Events;
using Wright.Sessions.Export;
using Wright.Sessions.Store;

namespace Wright.Tests.Sessions.Export;

public sealed class TranscriptExporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wright-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>gen 0: a turn with a tool call; compaction (gen 1) summarises it; a second turn; a rewind (gen 2) undoes it.</summary>
    private SessionStore Seed()
    {
        var store = SessionStore.Open(Path.Combine(_dir, "wright.db"));
        store.Create("s1", "/w", "m");
        var journal = store.OpenJournal("s1");
        var system = new ChatMessage(ChatRole.System, "system");
        journal.RecordMessage(system);
        journal.RecordMessage(new ChatMessage(ChatRole.User, "first prompt"));
        journal.Record(new TurnStarted(1));
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant,
            [new TextContent("looking"), new FunctionCallContent("c1", "shell", new Dictionary<string, object?> { ["command"] = "ls" })]));
        journal.RecordMessage(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "README.md")]));
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant, "first answer"));
        var summary = new ChatMessage(ChatRole.User, ContextCompactor.SummaryOpening + "\nthe user asked for a listing\n</summary>");
        journal.RecordTranscript([system, summary]);
        journal.RecordMessage(new ChatMessage(ChatRole.User, "second prompt"));
        journal.Record(new TurnStarted(2));
        journal.RecordMessage(new ChatMessage(ChatRole.Assistant, "second answer"));
        journal.RecordTranscript([system, summary]);
        journal.RecordMessage(new ChatMessage(ChatRole.User, "third prompt"));
        return store;
    }

    [Fact]
    public void History_keeps_turns_before_a_compaction_and_a_rewind_marked_as_such()
    {
        using var store = Seed();
        var history = store.History("s1");
        Assert.Equal(
            [
                ("system", null), ("first prompt", "compaction"), ("looking", "compaction"), ("", "compaction"), ("first answer", "compaction"),
                (ContextCompactor.SummaryOpening + "\nthe user asked for a listing\n</summary>", null), ("second prompt", "rewind"),
                ("second answer", "rewind"), ("third prompt", null),
            ],
            history.Select(h => (h.Message.Text, h.Superseded)));
        Assert.Equal(["system", "summary", "third prompt"], store.LoadTranscript("s1").Select(m => m.Text.StartsWith('<') ? "summary" : m.Text));
    }

    [Fact]
    public void Json_lines_use_stable_snake_case_fields_and_mark_superseded_messages()
    {
        using var store = Seed();
        var output = new StringWriter();
        TranscriptExporter.WriteJsonLines(store, store.Get("s1")!, output);
        var text = output.ToString();
        Assert.DoesNotContain("$type", text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("session", lines[0].GetProperty("type").GetString());
        var messages = lines.Where(l => l.GetProperty("type").GetString() == "message").ToList();
        Assert.Equal(9, messages.Count);
        var call = messages[2];
        Assert.Equal("assistant", call.GetProperty("role").GetString());
        Assert.Equal("compaction", call.GetProperty("superseded").GetString());
        var blocks = call.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(("text", "looking"), (blocks[0].GetProperty("type").GetString(), blocks[0].GetProperty("text").GetString()));
        Assert.Equal(("tool_call", "c1", "shell", "ls"), (blocks[1].GetProperty("type").GetString(), blocks[1].GetProperty("call_id").GetString(),
            blocks[1].GetProperty("tool").GetString(), blocks[1].GetProperty("arguments").GetProperty("command").GetString()));
        var result = messages[3].GetProperty("content")[0];
        Assert.Equal(("tool_result", "shell", "README.md"), (result.GetProperty("type").GetString(), result.GetProperty("tool").GetString(),
            result.GetProperty("output").GetString()));
        Assert.Equal("rewind", messages[6].GetProperty("superseded").GetString());
        Assert.False(messages[8].TryGetProperty("superseded", out _));
        Assert.Equal(("user", 3), (messages[8].GetProperty("role").GetString(), messages[8].GetProperty("turn").GetInt32()));
        // Events follow in the stream-json shape.
        Assert.Contains(lines, l => l.GetProperty("type").GetString() == "turn_started");
    }

    [Fact]
    public void Markdown_shows_the_whole_history_with_its_sections_marked()
    {
        using var store = Seed();
        var output = new StringWriter();
        TranscriptExporter.WriteMarkdown(store, store.Get("s1")!, output);
        var text = output.ToString();
        var compacted = text.IndexOf("*Compacted", StringComparison.Ordinal);
        var rewound = text.IndexOf("*Undone by a rewind", StringComparison.Ordinal);
        Assert.True(compacted >= 0 && compacted < text.IndexOf("first answer", StringComparison.Ordinal), text);
        Assert.True(rewound > compacted && rewound < text.IndexOf("second answer", StringComparison.Ordinal), text);
        Assert.True(text.LastIndexOf("*Current conversation:*", StringComparison.Ordinal) < text.IndexOf("third prompt", StringComparison.Ordinal), text);
    }
}
