using System.Text.Json;
using Npgsql;
using Wright.Tasks;
using Wright.Tasks.Store;

namespace Wright.Node.Store;

public sealed partial class PostgresTaskStore
{
    /// <summary>
    /// Gives back to the queue every attempt that a node in <paramref name="deadOwners"/> ran (Orleans declared it dead),
    /// as <paramref name="reset"/> rewrites it; the epoch grows, so whatever the dead node may still try to write is
    /// refused. Returns the attempts requeued. Safe to call from every node at once (row locks; a second call finds none).
    /// </summary>
    public IReadOnlyList<(string TaskId, AttemptRecord Attempt)> Requeue(IReadOnlyCollection<string> deadOwners, Func<TaskSpec, AttemptRecord, string?, AttemptRecord> reset)
    {
        ArgumentNullException.ThrowIfNull(deadOwners);
        ArgumentNullException.ThrowIfNull(reset);
        if (deadOwners.Count == 0)
            return [];
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction();
        var rows = new List<(string TaskId, string Spec, AttemptRecord Attempt, string? Session)>();
        using (var command = new NpgsqlCommand("""
            SELECT a.task_id, t.spec, a.data, a.cancel, c.session_id FROM wright_task_attempts a JOIN wright_tasks t ON t.id = a.task_id
            LEFT JOIN wright_checkpoints c ON c.task_id = a.task_id AND c.n = a.n
            WHERE a.status IN ('running', 'waiting_approval') AND a.owner = ANY(@dead) FOR UPDATE OF a SKIP LOCKED
            """, connection, tx))
        {
            command.Parameters.AddWithValue("dead", deadOwners.ToArray());
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add((reader.GetString(0), reader.GetString(1), Read(reader.GetString(2), reader.GetBoolean(3)), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        var done = new List<(string, AttemptRecord)>();
        foreach (var (taskId, specJson, attempt, session) in rows)
        {
            var spec = JsonSerializer.Deserialize(specJson, TasksJsonContext.Default.TaskSpec)!;
            // Cancelled by a person before the node died: it stays cancelled (the answer was acknowledged).
            var next = attempt.CancelRequested
                ? attempt with { Status = TaskState.Cancelled, Error = "cancelled", NextPrompt = null }
                : reset(spec, attempt, session) with { Status = TaskState.Queued };
            Execute(connection, tx, """
                UPDATE wright_task_attempts SET status = @s, data = @d, owner = NULL, epoch = epoch + 1,
                  cancel = CASE WHEN @s = 'queued' THEN false ELSE cancel END
                WHERE task_id = @id AND n = @n
                """, ("id", taskId), ("n", attempt.Number), ("s", next.Status), ("d", Serialize(next)));
            // Its questions die with its run: the node that takes it over asks again if it still needs the calls.
            Execute(connection, tx, "UPDATE wright_approvals SET closed = true WHERE task_id = @id AND n = @n AND NOT closed", ("id", taskId), ("n", attempt.Number));
            done.Add((taskId, next));
        }

        tx.Commit();
        return done;
    }

    /// <summary>Records the attempt's checkpoint, only while this node's claim on it stands.</summary>
    public void SaveCheckpoint(string taskId, int attempt, Checkpoint checkpoint) => Retry(() =>
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (Owner is null || !_claims.TryGetValue((taskId, attempt), out var epoch))
            throw Lost(taskId, attempt);
        using var connection = _source.OpenConnection();
        var rows = Execute(connection, null, """
            INSERT INTO wright_checkpoints (task_id, n, session_id, journal, head, taken)
            SELECT @t, @n, @s, @j, @h, @now WHERE EXISTS (SELECT 1 FROM wright_task_attempts WHERE task_id = @t AND n = @n AND owner = @me AND epoch = @e)
            ON CONFLICT (task_id, n) DO UPDATE SET session_id = excluded.session_id, journal = excluded.journal, head = excluded.head, taken = excluded.taken
            """, ("t", taskId), ("n", attempt), ("s", checkpoint.SessionId), ("j", checkpoint.Journal), ("h", checkpoint.Head), ("now", _time.GetUtcNow()),
            ("me", Owner), ("e", epoch));
        if (rows == 0)
            throw Lost(taskId, attempt);
    });

    /// <summary>The attempt's last checkpoint, or null.</summary>
    public Checkpoint? LoadCheckpoint(string taskId, int attempt) => Retry(() =>
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT session_id, journal, head FROM wright_checkpoints WHERE task_id = @t AND n = @n", connection);
        command.Parameters.AddWithValue("t", taskId);
        command.Parameters.AddWithValue("n", attempt);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Checkpoint(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetString(2)) : null;
    });

    /// <summary>The commit of the attempt's last checkpoint (what its node pushed last as its branch), or null.</summary>
    public string? CheckpointHead(string taskId, int attempt) => Retry(() =>
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT head FROM wright_checkpoints WHERE task_id = @t AND n = @n", connection);
        command.Parameters.AddWithValue("t", taskId);
        command.Parameters.AddWithValue("n", attempt);
        return command.ExecuteScalar() as string;
    });

    /// <summary>Forgets the attempt's checkpoint (it starts again from scratch: a retry).</summary>
    public void DropCheckpoint(string taskId, int attempt) => Retry(() =>
    {
        using var connection = _source.OpenConnection();
        Execute(connection, null, "DELETE FROM wright_checkpoints WHERE task_id = @t AND n = @n", ("t", taskId), ("n", attempt));
    });

    /// <summary>Writes this node's report (address, capacity, load); the fleet's status reads them.</summary>
    public void Report(FleetNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var connection = _source.OpenConnection();
        Execute(connection, null, """
            INSERT INTO wright_fleet_nodes (id, name, url, max_parallel, running, draining, started, seen)
            VALUES (@id, @name, @url, @max, @running, false, @now, @now)
            ON CONFLICT (id) DO UPDATE SET url = excluded.url, max_parallel = excluded.max_parallel, running = excluded.running, seen = excluded.seen
            """, ("id", node.Id), ("name", node.Name), ("url", node.Url), ("max", node.MaxParallel), ("running", node.Running), ("now", _time.GetUtcNow()));
    }

    /// <summary>Every node's last report, newest first (the caller joins them with Orleans' membership).</summary>
    public IReadOnlyList<FleetNodeInfo> Nodes()
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT id, name, url, max_parallel, running, draining, started, seen FROM wright_fleet_nodes ORDER BY started DESC", connection);
        using var reader = command.ExecuteReader();
        var list = new List<FleetNodeInfo>();
        while (reader.Read())
        {
            list.Add(new FleetNodeInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4))
            {
                Draining = reader.GetBoolean(5),
                Started = new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
                Seen = new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero),
            });
        }

        return list;
    }

    /// <summary>Asks the node <paramref name="idOrName"/> (its id, or its name when that is unique among live reports) to drain; false when none matches.</summary>
    public bool Drain(string idOrName)
    {
        using var connection = _source.OpenConnection();
        return Execute(connection, null, """
            UPDATE wright_fleet_nodes SET draining = true
            WHERE id = @x OR (name = @x AND id = (SELECT id FROM wright_fleet_nodes WHERE name = @x ORDER BY started DESC LIMIT 1))
            """, ("x", idOrName)) > 0;
    }

    /// <summary>Whether someone asked this node to drain.</summary>
    public bool IsDraining(string id)
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT draining FROM wright_fleet_nodes WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return command.ExecuteScalar() is true;
    }

    /// <summary>The attempts each node runs now, as <c>task/attempt</c>, by owner.</summary>
    public IReadOnlyDictionary<string, List<string>> Owned()
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand(
            "SELECT owner, task_id, n FROM wright_task_attempts WHERE status IN ('running', 'waiting_approval') AND owner IS NOT NULL ORDER BY task_id, n", connection);
        using var reader = command.ExecuteReader();
        var owned = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var owner = reader.GetString(0);
            if (!owned.TryGetValue(owner, out var list))
                owned[owner] = list = [];
            list.Add(reader.GetString(1) + "/" + reader.GetInt32(2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return owned;
    }

    /// <summary>Forgets the reports of nodes gone for longer than <paramref name="age"/>.</summary>
    public void ForgetNodes(TimeSpan age)
    {
        using var connection = _source.OpenConnection();
        Execute(connection, null, "DELETE FROM wright_fleet_nodes WHERE seen < @before", ("before", _time.GetUtcNow() - age));
    }

    /// <summary>Appends a scheduler event (<c>attempt_status</c>) to a task's stream.</summary>
    internal void AppendStatus(string taskId, AttemptRecord attempt, string? note) =>
        AppendEvent(taskId, attempt.Number, JsonSerializer.Serialize(new AttemptStatusEvent(attempt.Number, attempt.Status, note) { Time = _time.GetUtcNow() },
            TasksJsonContext.Default.AttemptStatusEvent));
}
