using System.Globalization;
using Microsoft.Data.Sqlite;
using Wright.Eval.Running;

namespace Wright.Eval.Store;

/// <summary>
/// Evaluation runs in SQLite (<c>$WRIGHT_HOME/eval.db</c>): a run's suite and options, and every finished attempt,
/// committed as it ends, so an interrupted run continues where it stopped.
/// </summary>
internal sealed class EvalStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    private EvalStore(SqliteConnection db) => _db = db;

    public static EvalStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS runs(id TEXT PRIMARY KEY, suite TEXT NOT NULL, created TEXT NOT NULL, options TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS attempts(run_id TEXT NOT NULL, config TEXT NOT NULL, task TEXT NOT NULL, attempt INTEGER NOT NULL,
              status TEXT NOT NULL, passed_first INTEGER NOT NULL, reward REAL, cost_nano INTEGER, input_tokens INTEGER NOT NULL,
              output_tokens INTEGER NOT NULL, turns INTEGER NOT NULL, tool_errors INTEGER NOT NULL, wall_ms INTEGER NOT NULL,
              session_id TEXT, trajectory TEXT, detail TEXT, PRIMARY KEY(run_id, config, task, attempt));
            """;
        cmd.ExecuteNonQuery();
        return new EvalStore(db);
    }

    public void CreateRun(string id, string suite, string options, DateTimeOffset created)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "INSERT INTO runs(id, suite, created, options) VALUES($id, $suite, $created, $options)";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$suite", suite);
            cmd.Parameters.AddWithValue("$created", created.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$options", options);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>The run (suite, created, options json) with this id or unique id prefix; null when none.</summary>
    public (string Id, string Suite, DateTimeOffset Created, string Options)? FindRun(string idOrPrefix)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT id, suite, created, options FROM runs WHERE id = $id OR id LIKE $prefix ORDER BY id = $id DESC LIMIT 2";
            cmd.Parameters.AddWithValue("$id", idOrPrefix);
            cmd.Parameters.AddWithValue("$prefix", idOrPrefix.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%");
            using var reader = cmd.ExecuteReader();
            var rows = new List<(string, string, DateTimeOffset, string)>();
            while (reader.Read())
                rows.Add((reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetString(3)));
            return rows.Count == 1 || (rows.Count > 1 && rows[0].Item1 == idOrPrefix) ? rows[0] : null;
        }
    }

    public void Save(string runId, AttemptRecord a)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT OR REPLACE INTO attempts VALUES($run, $config, $task, $attempt, $status, $first, $reward, $cost, $in, $out, $turns, $errors, $wall,
                  $session, $trajectory, $detail)
                """;
            cmd.Parameters.AddWithValue("$run", runId);
            cmd.Parameters.AddWithValue("$config", a.Config);
            cmd.Parameters.AddWithValue("$task", a.Task);
            cmd.Parameters.AddWithValue("$attempt", a.Attempt);
            cmd.Parameters.AddWithValue("$status", a.Status);
            cmd.Parameters.AddWithValue("$first", a.PassedFirstTry ? 1 : 0);
            cmd.Parameters.AddWithValue("$reward", (object?)a.Reward ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$cost", a.CostUsd is { } c ? (long)Math.Round(c * 1_000_000_000m) : DBNull.Value);
            cmd.Parameters.AddWithValue("$in", a.InputTokens);
            cmd.Parameters.AddWithValue("$out", a.OutputTokens);
            cmd.Parameters.AddWithValue("$turns", a.Turns);
            cmd.Parameters.AddWithValue("$errors", a.ToolErrors);
            cmd.Parameters.AddWithValue("$wall", a.WallMs);
            cmd.Parameters.AddWithValue("$session", (object?)a.SessionId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$trajectory", (object?)a.Trajectory ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$detail", (object?)a.Detail ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        }
    }

    public List<AttemptRecord> Attempts(string runId)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT * FROM attempts WHERE run_id = $run ORDER BY config, task, attempt";
            cmd.Parameters.AddWithValue("$run", runId);
            using var r = cmd.ExecuteReader();
            var list = new List<AttemptRecord>();
            while (r.Read())
            {
                list.Add(new AttemptRecord
                {
                    Config = r.GetString(1),
                    Task = r.GetString(2),
                    Attempt = r.GetInt32(3),
                    Status = r.GetString(4),
                    PassedFirstTry = r.GetInt32(5) == 1,
                    Reward = r.IsDBNull(6) ? null : r.GetDouble(6),
                    CostUsd = r.IsDBNull(7) ? null : r.GetInt64(7) / 1_000_000_000m,
                    InputTokens = r.GetInt64(8),
                    OutputTokens = r.GetInt64(9),
                    Turns = r.GetInt32(10),
                    ToolErrors = r.GetInt32(11),
                    WallMs = r.GetInt64(12),
                    SessionId = r.IsDBNull(13) ? null : r.GetString(13),
                    Trajectory = r.IsDBNull(14) ? null : r.GetString(14),
                    Detail = r.IsDBNull(15) ? null : r.GetString(15),
                });
            }

            return list;
        }
    }

    public void Dispose() => _db.Dispose();
}
