using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Wright.Core.Engine;
using Wright.Core.Events;

namespace Wright.Sessions.Store;

/// <summary>
/// The engine's write-ahead journal for one session: every call commits before it returns. Streaming deltas are not
/// stored (the complete message is, when the response ends); everything else is, with its effects on the session's
/// tables (turns, usage and cost, tool calls, safety labels, checkpoints, full-text index).
/// </summary>
public sealed class SqliteJournal : ISessionJournal
{
    private readonly SessionStore _store;
    private readonly string _sessionId;
    private readonly Lock _gate = new();
    private string _model;
    private int _generation;
    private int _index;
    private int _turn;
    private bool _titled;

    internal SqliteJournal(SessionStore store, SessionRecord session)
    {
        _store = store;
        _sessionId = session.Id;
        _model = session.Model;
        _turn = session.Turns;
        _titled = session.Title.Length > 0;
        var position = store.Query("""
            SELECT generation, count(*) FROM messages WHERE session_id = $id
            AND generation = (SELECT max(generation) FROM messages WHERE session_id = $id) GROUP BY generation
            """, r => (r.GetInt32(0), r.GetInt32(1)), ("$id", _sessionId)).FirstOrDefault();
        (_generation, _index) = position;
    }

    /// <summary>The session this journal records.</summary>
    public string SessionId => _sessionId;

    /// <summary>The model usage is recorded under (a host that switches model mid-session updates it).</summary>
    public string Model
    {
        get
        {
            lock (_gate)
                return _model;
        }

        set
        {
            lock (_gate)
                _model = value;
        }
    }

    /// <inheritdoc />
    public void Record(AgentEvent item)
    {
        if (item is TextDelta or ReasoningDelta or ToolOutputDelta or SubagentEvent { Event: TextDelta or ReasoningDelta or ToolOutputDelta })
            return;
        lock (_gate)
        {
            var now = _store.Now();
            _store.InTransaction(tx =>
            {
                var stored = item;
                switch (item)
                {
                    case TurnStarted:
                        _turn++;
                        _store.Run(tx, "UPDATE sessions SET turns = $t, updated = $now WHERE id = $id", ("$t", _turn), ("$now", now), ("$id", _sessionId));
                        break;
                    case ToolCallRequested call:
                        _store.Run(tx, """
                            INSERT INTO tool_calls (session_id, call_id, name, arguments, requested) VALUES ($id, $call, $name, $args, $now)
                            ON CONFLICT (session_id, call_id) DO NOTHING
                            """, ("$id", _sessionId), ("$call", call.CallId), ("$name", call.Name), ("$args", call.Arguments), ("$now", now));
                        break;
                    case ToolCallFinished done:
                        var hash = MessageCodec.Blob(done.Result, (h, text) => _store.StoreBlob(tx, h, text));
                        _store.Run(tx, """
                            INSERT INTO tool_calls (session_id, call_id, name, arguments, requested) VALUES ($id, $call, $name, '', $now)
                            ON CONFLICT (session_id, call_id) DO NOTHING;
                            UPDATE tool_calls SET status = $status, result_hash = $hash, duration_ms = $ms, untrusted_source = $src, finished = $now
                            WHERE session_id = $id AND call_id = $call
                            """, ("$id", _sessionId), ("$call", done.CallId), ("$name", done.Name), ("$now", now),
                            ("$status", JsonNamingPolicy.SnakeCaseLower.ConvertName(done.Status.ToString())), ("$hash", hash), ("$ms", done.DurationMs),
                            ("$src", done.UntrustedSource));
                        if (done.UntrustedSource is { } source)
                            _store.Run(tx, "INSERT INTO labels (session_id, kind, value, time) VALUES ($id, 'untrusted_source', $v, $now)",
                                ("$id", _sessionId), ("$v", source), ("$now", now));
                        if (done.Result.Length > MessageCodec.InlineLimit)
                            stored = done with { Result = "[stored once as blob " + hash + "]" };
                        break;
                    case UsageReported usage:
                        long? nano = usage.CostUsd is { } c ? (long)(c * 1_000_000_000m) : null;
                        _store.Run(tx, """
                            INSERT INTO usage (session_id, turn, model, day, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano_usd)
                            VALUES ($id, $turn, $model, $day, $in, $out, $cr, $cw, $cost);
                            UPDATE sessions SET input_tokens = input_tokens + $in + $cr + $cw, output_tokens = output_tokens + $out,
                                cost_nano_usd = cost_nano_usd + coalesce($cost, 0), updated = $now WHERE id = $id
                            """, ("$id", _sessionId), ("$turn", _turn), ("$model", usage.Model ?? _model),
                            ("$day", _store.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                            ("$in", usage.Usage.InputTokens), ("$out", usage.Usage.OutputTokens), ("$cr", usage.Usage.CacheReadTokens),
                            ("$cw", usage.Usage.CacheWriteTokens), ("$cost", nano), ("$now", now));
                        break;
                    case CheckpointCreated { Snapshot: { } snapshot } checkpoint:
                        _store.Run(tx, """
                            INSERT OR REPLACE INTO checkpoints (session_id, turn, snapshot, generation, messages, time)
                            VALUES ($id, $turn, $snap, $gen, $msgs, $now)
                            """, ("$id", _sessionId), ("$turn", _turn), ("$snap", snapshot), ("$gen", _generation), ("$msgs", checkpoint.Messages), ("$now", now));
                        break;
                    case SettingsChanged settings:
                        // Usage from now on is the new model's; resuming the session uses it too.
                        _model = settings.Model;
                        _store.Run(tx, "UPDATE sessions SET model = $model, updated = $now WHERE id = $id",
                            ("$model", settings.Model), ("$now", now), ("$id", _sessionId));
                        break;
                    case RunFinished run:
                        _store.Run(tx, "UPDATE sessions SET status = $s, updated = $now WHERE id = $id",
                            ("$s", JsonNamingPolicy.SnakeCaseLower.ConvertName(run.Status.ToString())), ("$now", now), ("$id", _sessionId));
                        break;
                }

                var json = JsonSerializer.Serialize(stored, AgentEventJsonContext.Default.AgentEvent);
                _store.Run(tx, "INSERT INTO events (session_id, type, json, time) VALUES ($id, $type, $json, $now)",
                    ("$id", _sessionId), ("$type", EventType(json)), ("$json", json), ("$now", now));
            });
        }
    }

    /// <inheritdoc />
    public void RecordMessage(ChatMessage message)
    {
        lock (_gate)
            _store.InTransaction(tx => Insert(tx, message));
    }

    /// <inheritdoc />
    public void RecordTranscript(IReadOnlyList<ChatMessage> transcript)
    {
        lock (_gate)
        {
            var next = 1 + Convert.ToInt32(_store.Query("SELECT coalesce(max(generation), -1) FROM messages WHERE session_id = $id",
                r => r.GetInt64(0), ("$id", _sessionId)).Single(), CultureInfo.InvariantCulture);
            _store.InTransaction(tx =>
            {
                (_generation, _index) = (next, 0);
                foreach (var message in transcript)
                    Insert(tx, message, index: false);
            });
        }
    }

    private void Insert(SqliteTransaction tx, ChatMessage message, bool index = true)
    {
        var now = _store.Now();
        var turn = message.Role == ChatRole.User ? _turn + 1 : _turn;
        var json = MessageCodec.Encode(message, (h, text) => _store.StoreBlob(tx, h, text));
        _store.Run(tx, "INSERT INTO messages (session_id, generation, idx, turn, role, json, created) VALUES ($id, $gen, $idx, $turn, $role, $json, $now)",
            ("$id", _sessionId), ("$gen", _generation), ("$idx", _index), ("$turn", turn), ("$role", message.Role.Value), ("$json", json), ("$now", now));
        _index++;
        var text = MessageCodec.SearchText(message);
        if (index && text.Length > 0)
        {
            _store.Run(tx, "INSERT INTO search (text, kind, session_id, turn, ref) VALUES ($t, $kind, $id, $turn, $ref)",
                ("$t", text), ("$kind", message.Role.Value), ("$id", _sessionId), ("$turn", turn), ("$ref", $"{_sessionId} turn {turn}"));
        }

        if (!_titled && message.Role == ChatRole.User && message.Text.Trim() is { Length: > 0 } prompt)
        {
            _titled = true;
            var title = prompt.Split('\n')[0];
            _store.Run(tx, "UPDATE sessions SET title = $t, updated = $now WHERE id = $id",
                ("$t", title.Length > 80 ? title[..79] + "…" : title), ("$now", now), ("$id", _sessionId));
        }
        else
        {
            _store.Run(tx, "UPDATE sessions SET updated = $now WHERE id = $id", ("$now", now), ("$id", _sessionId));
        }
    }

    /// <summary>
    /// The event's wire name. The polymorphic serializer writes the discriminator first, so it is read off the front
    /// instead of parsing the JSON again for every event.
    /// </summary>
    private static string EventType(string json)
    {
        const string Prefix = "{\"type\":\"";
        var end = json.StartsWith(Prefix, StringComparison.Ordinal) ? json.IndexOf('"', Prefix.Length) : -1;
        return end > 0 ? json[Prefix.Length..end] : "";
    }
}
