using System.Text.Json;
using Npgsql;
using Wright.Core.Approvals;
using Wright.Tasks;
using Wright.Tasks.Scheduling;
using Wright.Tasks.Store;

namespace Wright.Node.Store;

/// <summary>
/// Approval requests in <c>wright_approvals</c> (<see cref="ISharedApprovals"/>): the owner's writes are fenced by its
/// claim's epoch, an answer is recorded under the request's row lock (the first one wins), and a request belongs to the
/// run that asked it — the attempt's epoch at the time — so a question of a node that died is never answered into the
/// run that took over (that run asks again).
/// </summary>
public sealed partial class PostgresTaskStore : ISharedApprovals
{
    /// <inheritdoc />
    public void OpenApproval(PendingApprovalInfo request) => Retry(() =>
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Owner is null || !_claims.TryGetValue((request.TaskId, request.Attempt), out var epoch))
            throw Lost(request.TaskId, request.Attempt);
        using var connection = _source.OpenConnection();
        var rows = Execute(connection, null, """
            INSERT INTO wright_approvals (task_id, n, epoch, session_id, call_id, request, since)
            SELECT @t, @n, @e, @s, @c, @r, @since
            WHERE EXISTS (SELECT 1 FROM wright_task_attempts WHERE task_id = @t AND n = @n AND owner = @me AND epoch = @e)
            ON CONFLICT (task_id, n, epoch, session_id, call_id) DO UPDATE SET request = excluded.request, since = excluded.since,
              decision = NULL, feedback = NULL, answered = NULL, answered_by = NULL, closed = false
            """, ("t", request.TaskId), ("n", request.Attempt), ("e", epoch), ("s", request.SessionId ?? ""), ("c", request.Request.CallId),
            ("r", JsonSerializer.Serialize(request.Request, TasksJsonContext.Default.ApprovalRequest)), ("since", request.Since.ToUniversalTime()), ("me", Owner));
        if (rows == 0)
            throw Lost(request.TaskId, request.Attempt);
    });

    /// <inheritdoc />
    public void CloseApproval(string taskId, int attempt, string? sessionId, string callId) => Retry(() =>
    {
        if (!_claims.TryGetValue((taskId, attempt), out var epoch))
            return; // not this node's any more: the requests were closed when the attempt moved
        using var connection = _source.OpenConnection();
        Execute(connection, null, "UPDATE wright_approvals SET closed = true WHERE task_id = @t AND n = @n AND epoch = @e AND session_id = @s AND call_id = @c",
            ("t", taskId), ("n", attempt), ("e", epoch), ("s", sessionId ?? ""), ("c", callId));
    });

    /// <inheritdoc />
    public void CloseApprovals(string taskId, int attempt) => Retry(() =>
    {
        if (!_claims.TryGetValue((taskId, attempt), out var epoch))
            return;
        using var connection = _source.OpenConnection();
        Execute(connection, null, "UPDATE wright_approvals SET closed = true WHERE task_id = @t AND n = @n AND epoch = @e AND NOT closed",
            ("t", taskId), ("n", attempt), ("e", epoch));
    });

    /// <inheritdoc />
    public IReadOnlyList<PendingApprovalInfo> PendingApprovals(string? taskId) => Retry(() =>
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("""
            SELECT p.task_id, p.n, p.session_id, p.request, p.since FROM wright_approvals p
            JOIN wright_task_attempts a ON a.task_id = p.task_id AND a.n = p.n AND a.epoch = p.epoch
            WHERE NOT p.closed AND p.decision IS NULL AND a.status IN ('running', 'waiting_approval') AND (@t::text IS NULL OR p.task_id = @t)
            ORDER BY p.task_id, p.n, p.since, p.call_id
            """, connection);
        command.Parameters.AddWithValue("t", (object?)taskId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var list = new List<PendingApprovalInfo>();
        while (reader.Read())
        {
            var request = JsonSerializer.Deserialize(reader.GetString(3), TasksJsonContext.Default.ApprovalRequest)!;
            var session = reader.GetString(2);
            list.Add(new PendingApprovalInfo(reader.GetString(0), reader.GetInt32(1), request, new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero),
                session.Length == 0 ? null : session));
        }

        return list;
    });

    /// <inheritdoc />
    public (ApprovalWriteOutcome Outcome, string? SessionId) RecordAnswer(string taskId, int attempt, string callId, string? sessionId, ApprovalAnswer answer) => Retry(() =>
    {
        ArgumentNullException.ThrowIfNull(answer);
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction();
        // The request of the newest run that asked it, locked: a second answer waits here for the first to commit, then
        // sees its decision.
        string session;
        long epoch;
        bool current, closed, answered;
        using (var command = new NpgsqlCommand("""
            SELECT p.session_id, p.epoch, p.epoch = a.epoch AND a.status IN ('running', 'waiting_approval'), p.closed, p.decision IS NOT NULL
            FROM wright_approvals p JOIN wright_task_attempts a ON a.task_id = p.task_id AND a.n = p.n
            WHERE p.task_id = @t AND p.n = @n AND p.call_id = @c AND (@s::text IS NULL OR p.session_id = @s)
            ORDER BY p.epoch DESC, (p.session_id = '') DESC, p.since LIMIT 1
            FOR UPDATE OF p
            """, connection, tx))
        {
            command.Parameters.AddWithValue("t", taskId);
            command.Parameters.AddWithValue("n", attempt);
            command.Parameters.AddWithValue("c", callId);
            command.Parameters.AddWithValue("s", (object?)sessionId ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return (ApprovalWriteOutcome.NotFound, sessionId);
            (session, epoch, current, closed, answered) = (reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4));
        }

        var asked = session.Length == 0 ? null : session;
        if (answered)
            return (ApprovalWriteOutcome.AlreadyAnswered, asked);
        if (closed || !current)
            return (ApprovalWriteOutcome.NoLongerWaiting, asked);
        var decision = (answer.Allowed, answer.Remember) switch
        {
            (true, true) => "always",
            (true, false) => "yes",
            (false, true) => "never",
            (false, false) => "no",
        };
        Execute(connection, tx, """
            UPDATE wright_approvals SET decision = @d, feedback = @f, answered = @now, answered_by = @by
            WHERE task_id = @t AND n = @n AND epoch = @e AND session_id = @s AND call_id = @c
            """, ("d", decision), ("f", answer.Feedback ?? answer.Reason), ("now", _time.GetUtcNow()), ("by", Owner ?? ""), ("t", taskId), ("n", attempt),
            ("e", epoch), ("s", session), ("c", callId));
        tx.Commit();
        return (ApprovalWriteOutcome.Recorded, asked);
    });

    /// <inheritdoc />
    public IReadOnlyList<RecordedAnswer> UnappliedAnswers() => Retry(() =>
    {
        if (Owner is null)
            return (IReadOnlyList<RecordedAnswer>)[];
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("""
            SELECT p.task_id, p.n, p.session_id, p.call_id, p.decision, p.feedback FROM wright_approvals p
            JOIN wright_task_attempts a ON a.task_id = p.task_id AND a.n = p.n AND a.epoch = p.epoch
            WHERE a.owner = @me AND p.decision IS NOT NULL AND NOT p.closed
            ORDER BY p.answered
            """, connection);
        command.Parameters.AddWithValue("me", Owner);
        using var reader = command.ExecuteReader();
        var list = new List<RecordedAnswer>();
        while (reader.Read())
        {
            var feedback = reader.IsDBNull(5) ? null : reader.GetString(5);
            var answer = reader.GetString(4) switch
            {
                "always" => ApprovalAnswer.Always,
                "yes" => ApprovalAnswer.Once,
                "never" => ApprovalAnswer.Never with { Feedback = feedback },
                _ => ApprovalAnswer.No(feedback),
            };
            var session = reader.GetString(2);
            list.Add(new RecordedAnswer(reader.GetString(0), reader.GetInt32(1), session.Length == 0 ? null : session, reader.GetString(3), answer));
        }

        return list;
    });
}
