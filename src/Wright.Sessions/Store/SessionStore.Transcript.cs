using Microsoft.Extensions.AI;

namespace Wright.Sessions.Store;

public sealed partial class SessionStore
{
    /// <summary>The session's current transcript (its latest generation), ready to continue.</summary>
    public IReadOnlyList<ChatMessage> LoadTranscript(string sessionId) => LoadGeneration(sessionId, null, int.MaxValue);

    /// <summary>
    /// The session's whole history, oldest first: the messages of every transcript generation once each. A message a
    /// later generation dropped is marked with what dropped it: a rewind (the new generation keeps a prefix and drops
    /// the rest) or a compaction (anything else: a summary replaced older messages, or old outputs were elided).
    /// </summary>
    public IReadOnlyList<HistoryMessage> History(string sessionId)
    {
        var generations = Query("SELECT generation, turn, json FROM messages WHERE session_id = $id ORDER BY generation, idx",
                r => (Generation: r.GetInt32(0), Turn: r.GetInt32(1), Json: r.GetString(2)), ("$id", sessionId))
            .GroupBy(m => m.Generation)
            .Select(g => g.Select(m => (m.Turn, m.Json)).ToList())
            .ToList();
        var history = new List<(int Turn, string Json, string? Superseded)>();
        List<(int Turn, string Json)> previous = [];
        var live = new List<int>(); // positions in history of the previous generation's messages, in its order
        foreach (var generation in generations)
        {
            var kept = generation.GroupBy(m => m.Json, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var dropped = new List<int>();
            for (var i = 0; i < previous.Count; i++)
            {
                if (kept.TryGetValue(previous[i].Json, out var n) && n > 0)
                    kept[previous[i].Json] = n - 1;
                else
                    dropped.Add(i);
            }

            var before = previous.Select(p => p.Json).ToHashSet(StringComparer.Ordinal);
            var summarized = generation.Any(m => !before.Contains(m.Json)
                && MessageCodec.Decode(m.Json, LoadBlob) is { } message && message.Role == ChatRole.User
                && message.Text.StartsWith(Wright.Core.Context.ContextCompactor.SummaryOpening, StringComparison.Ordinal));
            var suffix = dropped.Count > 0 && dropped[^1] == previous.Count - 1 && dropped[^1] - dropped[0] + 1 == dropped.Count;
            var rewind = suffix && !summarized;
            foreach (var i in dropped)
                history[live[i]] = history[live[i]] with { Superseded = rewind ? "rewind" : "compaction" };

            // The new generation's order: carried messages keep their place in the history, new ones are appended.
            var carried = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
            var gone = dropped.ToHashSet();
            for (var i = 0; i < previous.Count; i++)
            {
                if (!gone.Contains(i))
                {
                    if (!carried.TryGetValue(previous[i].Json, out var q))
                        carried[previous[i].Json] = q = new Queue<int>();
                    q.Enqueue(live[i]);
                }
            }

            live = [];
            foreach (var m in generation)
            {
                if (carried.TryGetValue(m.Json, out var q) && q.Count > 0)
                {
                    live.Add(q.Dequeue());
                }
                else
                {
                    live.Add(history.Count);
                    history.Add((m.Turn, m.Json, null));
                }
            }

            previous = generation;
        }

        return history.Select(h => new HistoryMessage(MessageCodec.Decode(h.Json, LoadBlob), h.Turn, h.Superseded)).ToList();
    }

    /// <summary>The stored events of a session as JSON lines (the stream-json shape), oldest first.</summary>
    public IReadOnlyList<string> EventLines(string sessionId) =>
        Query("SELECT json FROM events WHERE session_id = $id ORDER BY id", r => r.GetString(0), ("$id", sessionId));

    /// <summary>The session's tool calls in the order they were requested, with their results.</summary>
    public IReadOnlyList<ToolCallRecord> ToolCalls(string sessionId) =>
        Query("SELECT call_id, name, arguments, status, result_hash, duration_ms, untrusted_source FROM tool_calls WHERE session_id = $id ORDER BY rowid",
            r => (Record: new ToolCallRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), null,
                r.IsDBNull(5) ? null : r.GetInt64(5), r.IsDBNull(6) ? null : r.GetString(6)), Hash: r.IsDBNull(4) ? null : r.GetString(4)),
            ("$id", sessionId))
        .Select(x => x.Hash is null ? x.Record : x.Record with { Result = LoadBlob(x.Hash) })
        .ToList();

    /// <summary>Safety labels recorded for a session (kind, value), e.g. the untrusted sources that tainted it.</summary>
    public IReadOnlyList<(string Kind, string Value)> Labels(string sessionId) =>
        Query("SELECT kind, value FROM labels WHERE session_id = $id ORDER BY rowid", r => (r.GetString(0), r.GetString(1)), ("$id", sessionId));

    /// <summary>The session's checkpoints, oldest first, each with the user prompt of its run.</summary>
    public IReadOnlyList<CheckpointRecord> Checkpoints(string sessionId) =>
        Query("SELECT session_id, turn, snapshot, generation, messages, time FROM checkpoints WHERE session_id = $id ORDER BY turn",
            r => new CheckpointRecord(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), ParseTime(r.GetString(5)), ""),
            ("$id", sessionId))
        .Select(c => c with { Prompt = PromptBefore(c) })
        .ToList();

    /// <summary>The conversation as it stood at <paramref name="checkpoint"/> (what a rewind of the conversation keeps).</summary>
    public IReadOnlyList<ChatMessage> TranscriptAt(CheckpointRecord checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return LoadGeneration(checkpoint.SessionId, checkpoint.Generation, checkpoint.Messages);
    }

    /// <summary>
    /// Rewinds the conversation to where it stood at <paramref name="checkpoint"/>: a new transcript generation
    /// holding the messages before that turn's response. Returns the number of messages kept.
    /// </summary>
    public int RewindConversation(CheckpointRecord checkpoint)
    {
        var kept = TranscriptAt(checkpoint);
        var journal = OpenJournal(checkpoint.SessionId);
        journal.RecordTranscript(kept);
        return kept.Count;
    }

    private List<ChatMessage> LoadGeneration(string sessionId, int? generation, int count) =>
        Query("""
            SELECT json FROM messages WHERE session_id = $id
              AND generation = coalesce($gen, (SELECT coalesce(max(generation), 0) FROM messages WHERE session_id = $id))
              AND idx < $count
            ORDER BY idx
            """, r => r.GetString(0), ("$id", sessionId), ("$gen", generation), ("$count", count))
        .Select(json => MessageCodec.Decode(json, LoadBlob))
        .ToList();

    private string PromptBefore(CheckpointRecord c)
    {
        var json = Query("""
            SELECT json FROM messages WHERE session_id = $id AND generation = $gen AND idx < $count AND role = 'user'
            ORDER BY idx DESC LIMIT 1
            """, r => r.GetString(0), ("$id", c.SessionId), ("$gen", c.Generation), ("$count", c.Messages)).FirstOrDefault();
        return json is null ? "" : MessageCodec.Decode(json, LoadBlob).Text;
    }
}
