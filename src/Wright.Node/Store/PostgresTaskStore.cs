using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using Wright.Tasks;
using Wright.Tasks.Store;

namespace Wright.Node.Store;

/// <summary>
/// The task queue in PostgreSQL, shared by every node of a fleet (tables in <c>Sql/wright.sql</c>). Without an
/// <see cref="Owner"/> it behaves as <see cref="SqliteTaskStore"/> does (the same store tests run against both). With
/// one, <see cref="NextQueued"/> claims the attempt for this node atomically (<c>FOR UPDATE SKIP LOCKED</c>: two nodes
/// never take the same one) and bumps its epoch; every later write of the runner is fenced by that epoch, so a node the
/// fleet declared dead (a hang, a partition) cannot write over the attempt once another node took it over: its write
/// throws <see cref="AttemptLostException"/> instead.
/// </summary>
public sealed partial class PostgresTaskStore : ITaskStore
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string, int), long> _claims = new();

    /// <summary>Attempts this node lost to another: whatever its runner still tries to write about them is refused.</summary>
    private readonly ConcurrentDictionary<(string, int), bool> _lost = new();

    private PostgresTaskStore(NpgsqlDataSource source, string? owner, TimeProvider time)
    {
        _source = source;
        Owner = owner;
        _time = time;
    }

    /// <summary>How long a call waits for an unreachable database before it fails.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>This node's id in the <c>owner</c> column (null: no claims, no fencing).</summary>
    public string? Owner { get; }

    /// <summary>The connection pool (the nodes' reports use it too).</summary>
    internal NpgsqlDataSource Source => _source;

    /// <summary>Opens the store (creating the tables as needed, under an advisory lock so that nodes starting together do not race).</summary>
    public static PostgresTaskStore Open(string connectionString, string? owner = null, TimeProvider? time = null)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            FleetSchema.Apply(source, "wright.sql");
            return new PostgresTaskStore(source, owner, time ?? TimeProvider.System);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public TaskRecord Create(TaskSpec spec) => Retry(() => CreateOnce(spec));

    private TaskRecord CreateOnce(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var now = _time.GetUtcNow();
        var id = TaskIds.New(now);
        using (var connection = _source.OpenConnection())
        using (var tx = connection.BeginTransaction())
        {
            Execute(connection, tx, "INSERT INTO wright_tasks (id, spec, repo, priority, created, updated) VALUES (@id, @spec, @repo, @p, @now, @now)",
                ("id", id), ("spec", JsonSerializer.Serialize(spec, TasksJsonContext.Default.TaskSpec)), ("repo", spec.Repo), ("p", spec.Priority), ("now", now));
            for (var n = 1; n <= spec.Attempts; n++)
            {
                var attempt = new AttemptRecord { Number = n, Status = TaskState.Queued, Branch = $"wright/{id}-{n}", NextPrompt = spec.Prompt };
                Execute(connection, tx, "INSERT INTO wright_task_attempts (task_id, n, status, data) VALUES (@id, @n, @s, @d)",
                    ("id", id), ("n", n), ("s", attempt.Status), ("d", Serialize(attempt)));
            }

            tx.Commit();
        }

        return Get(id)!;
    }

    /// <inheritdoc />
    public TaskRecord? Get(string id) => Retry(() => Query("WHERE t.id = @id", 1, ("id", id)).FirstOrDefault());

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> List(string? status = null, string? repo = null, int limit = 200)
    {
        var tasks = Retry(() => repo is null ? Query("", 100_000) : Query("WHERE t.repo = @repo", 100_000, ("repo", repo)));
        return [.. tasks.Where(t => status is null || t.Status == status).Take(limit)];
    }

    /// <inheritdoc />
    public void SaveAttempt(string taskId, AttemptRecord attempt) => Retry(() => SaveAttemptOnce(taskId, attempt));

    private void SaveAttemptOnce(string taskId, AttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var key = (taskId, attempt.Number);
        var releases = attempt.Status == TaskState.Queued || TaskState.IsFinal(attempt.Status);
        if (attempt.Status != TaskState.Queued && _lost.ContainsKey(key))
            throw Lost(taskId, attempt.Number);
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction();
        int rows;
        if (Owner is not null && _claims.TryGetValue(key, out var epoch))
        {
            // The owner's write: only while its claim stands. Queued again (a follow-up of its own) gives the attempt back.
            rows = Execute(connection, tx, """
                UPDATE wright_task_attempts SET status = @s, data = @d,
                  cancel = CASE WHEN @s = 'queued' THEN false ELSE cancel END,
                  owner = CASE WHEN @s = 'queued' THEN NULL ELSE owner END
                WHERE task_id = @id AND n = @n AND owner = @me AND epoch = @e
                """, ("id", taskId), ("n", attempt.Number), ("s", attempt.Status), ("d", Serialize(attempt)), ("me", Owner), ("e", epoch));
            if (rows == 0)
                throw Lost(taskId, attempt.Number);
        }
        else
        {
            // Anyone's write (the API on any node: queue, retry, follow-up, cancel a queued attempt): never over an attempt a
            // node runs, except with a store that claims nothing (one process, as SQLite).
            rows = Execute(connection, tx, """
                UPDATE wright_task_attempts SET status = @s, data = @d,
                  cancel = CASE WHEN @s = 'queued' THEN false ELSE cancel END,
                  owner = CASE WHEN @s = 'queued' THEN NULL ELSE owner END,
                  epoch = CASE WHEN @s = 'queued' THEN epoch + 1 ELSE epoch END
                WHERE task_id = @id AND n = @n AND (@free OR status NOT IN ('running', 'waiting_approval') OR owner IS NULL)
                """, ("id", taskId), ("n", attempt.Number), ("s", attempt.Status), ("d", Serialize(attempt)), ("free", Owner is null));
            if (rows == 0 && Exists(connection, tx, taskId, attempt.Number))
                throw new TaskException(TaskErrorKind.Conflict, $"attempt {attempt.Number} of task '{taskId}' is running on another node");
        }

        Execute(connection, tx, "UPDATE wright_tasks SET updated = @now WHERE id = @id", ("id", taskId), ("now", _time.GetUtcNow()));
        tx.Commit();
        if (releases)
            _claims.TryRemove(key, out _);
        if (attempt.Status == TaskState.Queued)
            _lost.TryRemove(key, out _);
    }

    /// <inheritdoc />
    public void RequestCancel(string taskId, int attempt) => Retry(() =>
    {
        using var connection = _source.OpenConnection();
        Execute(connection, null, "UPDATE wright_task_attempts SET cancel = true WHERE task_id = @id AND n = @n", ("id", taskId), ("n", attempt));
    });

    /// <inheritdoc />
    public (string TaskId, AttemptRecord Attempt)? NextQueued(IReadOnlySet<(string, int)> skip) => Retry(() => NextQueuedOnce(skip));

    private (string TaskId, AttemptRecord Attempt)? NextQueuedOnce(IReadOnlySet<(string, int)> skip)
    {
        ArgumentNullException.ThrowIfNull(skip);
        var skipped = skip.Select(s => s.Item1 + "/" + s.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        const string Pick = """
            SELECT a.task_id, a.data, a.cancel, a.epoch FROM wright_task_attempts a JOIN wright_tasks t ON t.id = a.task_id
            WHERE a.status = 'queued' AND NOT ((a.task_id || '/' || a.n) = ANY(@skip))
            ORDER BY t.priority DESC, t.created, t.id, a.n LIMIT 1
            """;
        using var connection = _source.OpenConnection();
        if (Owner is null)
        {
            var rows = ReadAttempts(connection, null, Pick, ("skip", skipped));
            return rows.Count == 0 ? null : (rows[0].TaskId, rows[0].Attempt);
        }

        // Claimed in one transaction: the row is locked (other nodes skip it), marked running with this node as owner and
        // a new epoch, then released on commit. The scheduler writes its own running record right after.
        using var tx = connection.BeginTransaction();
        var picked = ReadAttempts(connection, tx, Pick + " FOR UPDATE OF a SKIP LOCKED", ("skip", skipped));
        if (picked.Count == 0)
            return null;
        var (taskId, attempt, epochBefore) = (picked[0].TaskId, picked[0].Attempt, picked[0].Epoch);
        var running = attempt with { Status = TaskState.Running };
        Execute(connection, tx, "UPDATE wright_task_attempts SET status = 'running', data = @d, owner = @me, epoch = @e WHERE task_id = @id AND n = @n",
            ("id", taskId), ("n", attempt.Number), ("d", Serialize(running)), ("me", Owner), ("e", epochBefore + 1));
        tx.Commit();
        _claims[(taskId, attempt.Number)] = epochBefore + 1;
        _lost.TryRemove((taskId, attempt.Number), out _);
        return (taskId, attempt);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string TaskId, AttemptRecord Attempt)> Running() => Retry(RunningOnce);

    private IReadOnlyList<(string TaskId, AttemptRecord Attempt)> RunningOnce()
    {
        using var connection = _source.OpenConnection();
        var sql = "SELECT a.task_id, a.data, a.cancel, a.epoch FROM wright_task_attempts a JOIN wright_tasks t ON t.id = a.task_id " +
            "WHERE a.status IN ('running', 'waiting_approval') AND (@me::text IS NULL OR a.owner = @me) ORDER BY t.priority DESC, t.created, a.n";
        return [.. ReadAttempts(connection, null, sql, ("me", (object?)Owner ?? DBNull.Value)).Select(r => (r.TaskId, r.Attempt))];
    }

    /// <inheritdoc />
    public void Delete(string id) => Retry(() => DeleteOnce(id));

    private void DeleteOnce(string id)
    {
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, "DELETE FROM wright_task_events WHERE task_id = @id", ("id", id));
        Execute(connection, tx, "DELETE FROM wright_task_attempts WHERE task_id = @id", ("id", id));
        Execute(connection, tx, "DELETE FROM wright_tasks WHERE id = @id", ("id", id));
        tx.Commit();
    }

    /// <inheritdoc />
    public long AppendEvent(string taskId, int attempt, string json) => Retry(() => AppendEventOnce(taskId, attempt, json));

    private long AppendEventOnce(string taskId, int attempt, string json)
    {
        if (_lost.ContainsKey((taskId, attempt)))
            throw Lost(taskId, attempt);
        using var connection = _source.OpenConnection();
        using var command = connection.CreateCommand();
        if (Owner is not null && _claims.TryGetValue((taskId, attempt), out var epoch))
        {
            command.CommandText = """
                INSERT INTO wright_task_events (task_id, attempt, json)
                SELECT @t, @a, @j WHERE EXISTS (SELECT 1 FROM wright_task_attempts WHERE task_id = @t AND n = @a AND owner = @me AND epoch = @e)
                RETURNING id
                """;
            command.Parameters.AddWithValue("me", Owner);
            command.Parameters.AddWithValue("e", epoch);
        }
        else
        {
            command.CommandText = "INSERT INTO wright_task_events (task_id, attempt, json) VALUES (@t, @a, @j) RETURNING id";
        }

        command.Parameters.AddWithValue("t", taskId);
        command.Parameters.AddWithValue("a", attempt);
        command.Parameters.AddWithValue("j", json);
        if (command.ExecuteScalar() is long id)
            return id;
        throw Lost(taskId, attempt);
    }

    /// <inheritdoc />
    public IReadOnlyList<TaskEvent> Events(string taskId, long afterId, int limit = 500) => Retry(() => EventsOnce(taskId, afterId, limit));

    private List<TaskEvent> EventsOnce(string taskId, long afterId, int limit)
    {
        using var connection = _source.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, attempt, json FROM wright_task_events WHERE task_id = @t AND id > @after ORDER BY id LIMIT @limit";
        command.Parameters.AddWithValue("t", taskId);
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<TaskEvent>();
        while (reader.Read())
            list.Add(new TaskEvent(reader.GetInt64(0), taskId, reader.GetInt32(1), reader.GetString(2)));
        return list;
    }

    public void Dispose() => _source.Dispose();

    /// <summary>Records that this node lost the attempt (its claim is gone for good) and says so.</summary>
    private AttemptLostException Lost(string taskId, int attempt)
    {
        _claims.TryRemove((taskId, attempt), out _);
        _lost[(taskId, attempt)] = true;
        return new AttemptLostException($"attempt {attempt} of task '{taskId}' was taken over by another node");
    }

    /// <summary>
    /// Runs a store call again while PostgreSQL is unreachable (restarting, failing over), for up to
    /// <see cref="Patience"/>: the nodes wait for the database and carry on, instead of failing the attempts they run.
    /// </summary>
    private T Retry<T>(Func<T> call)
    {
        var until = _time.GetUtcNow() + Patience;
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return call();
            }
            catch (Exception e) when (Transient(e) && _time.GetUtcNow() < until)
            {
                Thread.Sleep(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }

    private void Retry(Action call) => Retry(() =>
    {
        call();
        return true;
    });

    /// <summary>A failure that a later try may not meet: no connection, the server shutting down or starting.</summary>
    internal static bool Transient(Exception e) => e switch
    {
        PostgresException p => p.IsTransient || p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03",
        NpgsqlException n => n.IsTransient || n.InnerException is System.Net.Sockets.SocketException or IOException || n.InnerException is null,
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };


    private List<TaskRecord> Query(string where, int limit, params (string Name, object? Value)[] args)
    {
        using var connection = _source.OpenConnection();
        var sql = $"""
            SELECT t.id, t.spec, t.created, t.updated, a.data, a.cancel FROM
              (SELECT * FROM wright_tasks t {where} ORDER BY created DESC, id DESC LIMIT {limit}) t
            JOIN wright_task_attempts a ON a.task_id = t.id ORDER BY t.created DESC, t.id DESC, a.n
            """;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in args)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var tasks = new List<TaskRecord>();
        var attempts = new List<AttemptRecord>();
        (string Id, string Spec, DateTime Created, DateTime Updated)? current = null;
        void Flush()
        {
            if (current is { } c)
            {
                tasks.Add(new TaskRecord
                {
                    Id = c.Id,
                    Spec = JsonSerializer.Deserialize(c.Spec, TasksJsonContext.Default.TaskSpec)!,
                    Status = TaskState.Of(attempts.Select(a => a.Status)),
                    Created = new DateTimeOffset(c.Created, TimeSpan.Zero),
                    Updated = new DateTimeOffset(c.Updated, TimeSpan.Zero),
                    Attempts = [.. attempts],
                });
            }

            attempts.Clear();
        }

        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (current?.Id != id)
            {
                Flush();
                current = (id, reader.GetString(1), reader.GetDateTime(2), reader.GetDateTime(3));
            }

            attempts.Add(Read(reader.GetString(4), reader.GetBoolean(5)));
        }

        Flush();
        return tasks;
    }

    private static List<(string TaskId, AttemptRecord Attempt, long Epoch)> ReadAttempts(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql,
        params (string Name, object? Value)[] args)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in args)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var list = new List<(string, AttemptRecord, long)>();
        while (reader.Read())
            list.Add((reader.GetString(0), Read(reader.GetString(1), reader.GetBoolean(2)), reader.GetInt64(3)));
        return list;
    }

    private static bool Exists(NpgsqlConnection connection, NpgsqlTransaction tx, string taskId, int n)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT 1 FROM wright_task_attempts WHERE task_id = @id AND n = @n";
        command.Parameters.AddWithValue("id", taskId);
        command.Parameters.AddWithValue("n", n);
        return command.ExecuteScalar() is not null;
    }

    private static AttemptRecord Read(string data, bool cancel) =>
        JsonSerializer.Deserialize(data, TasksJsonContext.Default.AttemptRecord)! with { CancelRequested = cancel };

    private static string Serialize(AttemptRecord attempt) => JsonSerializer.Serialize(attempt, TasksJsonContext.Default.AttemptRecord);

    private static int Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in args)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }
}
