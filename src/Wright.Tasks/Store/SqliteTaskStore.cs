using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Wright.Tasks.Store;

/// <summary>
/// The task queue in Wright's SQLite store (<c>$WRIGHT_HOME/wright.db</c>, WAL, next to the sessions and their
/// journals): tables <c>tasks</c>, <c>task_attempts</c> and <c>task_events</c>. Each write commits before it returns,
/// so a <c>kill -9</c> loses nothing that was acknowledged. Thread-safe.
/// </summary>
public sealed class SqliteTaskStore : ITaskStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tasks (
          id TEXT PRIMARY KEY, spec TEXT NOT NULL, repo TEXT NOT NULL, priority INTEGER NOT NULL,
          created TEXT NOT NULL, updated TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS task_attempts (
          task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE, n INTEGER NOT NULL, status TEXT NOT NULL,
          data TEXT NOT NULL, cancel INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (task_id, n));
        CREATE TABLE IF NOT EXISTS task_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL, attempt INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS task_events_by_task ON task_events (task_id, id);
        CREATE INDEX IF NOT EXISTS task_attempts_by_status ON task_attempts (status);
        """;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private SqliteTaskStore(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>Opens (creating the tables as needed) the task store in the database at <paramref name="path"/>.</summary>
    public static SqliteTaskStore Open(string path, TimeProvider? time = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;" + Schema;
        command.ExecuteNonQuery();
        // A store made before cancellations were recorded apart from the attempt's data gets the column.
        command.CommandText = "SELECT count(*) FROM pragma_table_info('task_attempts') WHERE name = 'cancel'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            command.CommandText = "ALTER TABLE task_attempts ADD COLUMN cancel INTEGER NOT NULL DEFAULT 0";
            command.ExecuteNonQuery();
        }

        return new SqliteTaskStore(connection, time ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public TaskRecord Create(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var now = _time.GetUtcNow();
        var id = TaskIds.New(now);
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            Execute(tx, "INSERT INTO tasks (id, spec, repo, priority, created, updated) VALUES ($id, $spec, $repo, $p, $now, $now)",
                ("$id", id), ("$spec", JsonSerializer.Serialize(spec, TasksJsonContext.Default.TaskSpec)), ("$repo", spec.Repo),
                ("$p", spec.Priority), ("$now", Stamp(now)));
            for (var n = 1; n <= spec.Attempts; n++)
            {
                var attempt = new AttemptRecord { Number = n, Status = TaskState.Queued, Branch = $"wright/{id}-{n}", NextPrompt = spec.Prompt };
                Execute(tx, "INSERT INTO task_attempts (task_id, n, status, data) VALUES ($id, $n, $s, $d)",
                    ("$id", id), ("$n", n), ("$s", attempt.Status), ("$d", JsonSerializer.Serialize(attempt, TasksJsonContext.Default.AttemptRecord)));
            }

            tx.Commit();
        }

        return Get(id)!;
    }

    /// <inheritdoc />
    public TaskRecord? Get(string id) => Query("WHERE id = $id", 1, ("$id", id)).FirstOrDefault();

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> List(string? status = null, string? repo = null, int limit = 200)
    {
        var tasks = repo is null ? Query("", 100_000) : Query("WHERE repo = $repo", 100_000, ("$repo", repo));
        return [.. tasks.Where(t => status is null || t.Status == status).Take(limit)];
    }

    /// <inheritdoc />
    public void SaveAttempt(string taskId, AttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            // Queuing an attempt again (retry, follow-up) clears a cancellation; every other write keeps it.
            Execute(tx, "UPDATE task_attempts SET status = $s, data = $d, cancel = CASE WHEN $s = 'queued' THEN 0 ELSE cancel END WHERE task_id = $id AND n = $n",
                ("$id", taskId), ("$n", attempt.Number), ("$s", attempt.Status), ("$d", JsonSerializer.Serialize(attempt, TasksJsonContext.Default.AttemptRecord)));
            Execute(tx, "UPDATE tasks SET updated = $now WHERE id = $id", ("$id", taskId), ("$now", Stamp(_time.GetUtcNow())));
            tx.Commit();
        }
    }

    /// <inheritdoc />
    public void RequestCancel(string taskId, int attempt)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE task_attempts SET cancel = 1 WHERE task_id = $id AND n = $n";
            command.Parameters.AddWithValue("$id", taskId);
            command.Parameters.AddWithValue("$n", attempt);
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public (string TaskId, AttemptRecord Attempt)? NextQueued(IReadOnlySet<(string, int)> skip)
    {
        ArgumentNullException.ThrowIfNull(skip);
        foreach (var (taskId, attempt) in Attempts("WHERE a.status = 'queued' ORDER BY t.priority DESC, t.created, t.id, a.n"))
        {
            if (!skip.Contains((taskId, attempt.Number)))
                return (taskId, attempt);
        }

        return null;
    }

    /// <inheritdoc />
    public IReadOnlyList<(string TaskId, AttemptRecord Attempt)> Running() =>
        Attempts("WHERE a.status IN ('running', 'waiting_approval') ORDER BY t.priority DESC, t.created, a.n");

    /// <inheritdoc />
    public void Delete(string id)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            Execute(tx, "DELETE FROM task_events WHERE task_id = $id", ("$id", id));
            Execute(tx, "DELETE FROM task_attempts WHERE task_id = $id", ("$id", id));
            Execute(tx, "DELETE FROM tasks WHERE id = $id", ("$id", id));
            tx.Commit();
        }
    }

    /// <inheritdoc />
    public long AppendEvent(string taskId, int attempt, string json)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO task_events (task_id, attempt, json) VALUES ($t, $a, $j) RETURNING id";
            command.Parameters.AddWithValue("$t", taskId);
            command.Parameters.AddWithValue("$a", attempt);
            command.Parameters.AddWithValue("$j", json);
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TaskEvent> Events(string taskId, long afterId, int limit = 500)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, attempt, json FROM task_events WHERE task_id = $t AND id > $after ORDER BY id LIMIT $limit";
            command.Parameters.AddWithValue("$t", taskId);
            command.Parameters.AddWithValue("$after", afterId);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var list = new List<TaskEvent>();
            while (reader.Read())
                list.Add(new TaskEvent(reader.GetInt64(0), taskId, reader.GetInt32(1), reader.GetString(2)));
            return list;
        }
    }

    public void Dispose() => _connection.Dispose();

    private List<TaskRecord> Query(string where, int limit, params (string Name, object? Value)[] args)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT id, spec, created, updated FROM tasks {where} ORDER BY created DESC, id DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
            foreach (var (name, value) in args)
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            var rows = new List<(string Id, string Spec, string Created, string Updated)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return [.. rows.Select(r =>
            {
                var attempts = AttemptsOf(r.Id);
                return new TaskRecord
                {
                    Id = r.Id,
                    Spec = JsonSerializer.Deserialize(r.Spec, TasksJsonContext.Default.TaskSpec)!,
                    Status = TaskState.Of(attempts.Select(a => a.Status)),
                    Created = DateTimeOffset.Parse(r.Created, CultureInfo.InvariantCulture),
                    Updated = DateTimeOffset.Parse(r.Updated, CultureInfo.InvariantCulture),
                    Attempts = attempts,
                };
            })];
        }
    }

    private List<AttemptRecord> AttemptsOf(string taskId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT data, cancel FROM task_attempts WHERE task_id = $id ORDER BY n";
        command.Parameters.AddWithValue("$id", taskId);
        using var reader = command.ExecuteReader();
        var list = new List<AttemptRecord>();
        while (reader.Read())
            list.Add(Read(reader, 0));
        return list;
    }

    private List<(string TaskId, AttemptRecord Attempt)> Attempts(string whereOrder)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT a.task_id, a.data, a.cancel FROM task_attempts a JOIN tasks t ON t.id = a.task_id " + whereOrder;
            using var reader = command.ExecuteReader();
            var list = new List<(string, AttemptRecord)>();
            while (reader.Read())
                list.Add((reader.GetString(0), Read(reader, 1)));
            return list;
        }
    }

    /// <summary>The attempt in columns <paramref name="data"/> (its JSON) and the next (the cancellation flag).</summary>
    private static AttemptRecord Read(SqliteDataReader reader, int data) =>
        JsonSerializer.Deserialize(reader.GetString(data), TasksJsonContext.Default.AttemptRecord)! with { CancelRequested = reader.GetInt64(data + 1) != 0 };

    private void Execute(SqliteTransaction tx, string sql, params (string Name, object? Value)[] args)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in args)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static string Stamp(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
