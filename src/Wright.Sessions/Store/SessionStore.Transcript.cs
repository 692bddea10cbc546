using Microsoft.Extensions.AI;

namespace Wright.Sessions.Store;

public sealed partial class SessionStore
{
    /// <summary>The session's current transcript (its latest generation), ready to continue.</summary>
    public IReadOnlyList<ChatMessage> LoadTranscript(string sessionId) => LoadGeneration(sessionId, null, int.MaxValue);

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
