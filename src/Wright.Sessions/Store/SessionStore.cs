using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Wright.Sessions.Store;

/// <summary>
/// The durable session store: one SQLite database (WAL) under <c>$WRIGHT_HOME</c>. Every write is committed before
/// the call returns, so a process killed at any moment loses nothing that was acknowledged. Thread-safe; several
/// processes may share the file (SQLite's locking, with a busy timeout).
/// </summary>
public sealed partial class SessionStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private SessionStore(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>The database file's path.</summary>
    public string Path => _connection.DataSource;

    /// <summary>Opens (creating and migrating as needed) the store at <paramref name="path"/>.</summary>
    public static SessionStore Open(string path, TimeProvider? time = null)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                // WAL with synchronous=NORMAL: a commit survives the process being killed (the OS has the write); only
                // a power loss can cost the last commits. busy_timeout lets several Wright processes share the file.
                pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";
                pragma.ExecuteNonQuery();
            }

            Schema.Migrate(connection);
            return new SessionStore(connection, time ?? TimeProvider.System);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new StoreException($"cannot open the session store {path}: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Registers a new session (a subagent's when <paramref name="agent"/> names it; then <paramref name="parentId"/> is its parent).</summary>
    public SessionRecord Create(string id, string workspace, string model, string? parentId = null, string title = "", string? agent = null)
    {
        var now = Now();
        Execute("INSERT INTO sessions (id, workspace, model, title, parent_id, agent, created, updated) VALUES ($id, $ws, $model, $title, $parent, $agent, $now, $now)",
            ("$id", id), ("$ws", workspace), ("$model", model), ("$title", title), ("$parent", parentId), ("$agent", agent), ("$now", now));
        return Get(id)!;
    }

    /// <summary>The subagent sessions <paramref name="parentId"/> ran, oldest first.</summary>
    public IReadOnlyList<SessionRecord> Subagents(string parentId) =>
        QuerySessions(SelectSessions + " WHERE parent_id = $p AND agent IS NOT NULL ORDER BY created, rowid", ("$p", parentId));

    /// <summary>Records that the session now talks to <paramref name="model"/> (so resuming it uses that model).</summary>
    public void SetModel(string id, string model) =>
        Execute("UPDATE sessions SET model = $model, updated = $now WHERE id = $id", ("$id", id), ("$model", model), ("$now", Now()));

    /// <summary>Sessions with the count of their requests that had no price (cost unknown).</summary>
    private const string SelectSessions =
        "SELECT *, (SELECT count(*) FROM usage u WHERE u.session_id = sessions.id AND u.cost_nano_usd IS NULL) AS unpriced FROM sessions";

    /// <summary>The session with this exact id, or null.</summary>
    public SessionRecord? Get(string id) =>
        QuerySessions(SelectSessions + " WHERE id = $id", ("$id", id)).FirstOrDefault();

    /// <summary>Finds a session by id or unique id prefix; throws <see cref="StoreException"/> when none or several match.</summary>
    public SessionRecord Find(string idOrPrefix)
    {
        if (Get(idOrPrefix) is { } exact)
            return exact;
        var matches = QuerySessions(SelectSessions + " WHERE id LIKE $p ESCAPE '\\' ORDER BY updated DESC LIMIT 6",
            ("$p", EscapeLike(idOrPrefix) + "%"));
        return matches.Count switch
        {
            0 => throw new StoreException($"no session '{idOrPrefix}' (see `wright sessions`)"),
            1 => matches[0],
            _ => throw new StoreException($"'{idOrPrefix}' matches several sessions: {string.Join(", ", matches.Select(m => m.Id))}"),
        };
    }

    /// <summary>The most recently updated session of <paramref name="workspace"/> (subagents' sessions aside), or null.</summary>
    public SessionRecord? Latest(string workspace) =>
        QuerySessions(SelectSessions + " WHERE workspace = $ws AND agent IS NULL ORDER BY updated DESC, rowid DESC LIMIT 1", ("$ws", workspace)).FirstOrDefault();

    /// <summary>Sessions (subagents' sessions aside: see <see cref="Subagents"/>), newest first; only those of <paramref name="workspace"/> when given.</summary>
    public IReadOnlyList<SessionRecord> List(string? workspace = null, int limit = 50) => workspace is null
        ? QuerySessions(SelectSessions + " WHERE agent IS NULL ORDER BY updated DESC, rowid DESC LIMIT $n", ("$n", limit))
        : QuerySessions(SelectSessions + " WHERE workspace = $ws AND agent IS NULL ORDER BY updated DESC, rowid DESC LIMIT $n", ("$ws", workspace), ("$n", limit));

    /// <summary>
    /// Branches <paramref name="sourceId"/>: a new session <paramref name="newId"/> whose transcript is a copy of the
    /// source's current one. The source is not changed.
    /// </summary>
    public SessionRecord Fork(string sourceId, string newId)
    {
        var source = Get(sourceId) ?? throw new StoreException($"no session '{sourceId}'");
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            var now = Now();
            Run(tx, "INSERT INTO sessions (id, workspace, model, title, parent_id, created, updated) VALUES ($id, $ws, $model, $title, $parent, $now, $now)",
                ("$id", newId), ("$ws", source.Workspace), ("$model", source.Model), ("$title", source.Title), ("$parent", sourceId), ("$now", now));
            Run(tx, """
                INSERT INTO messages (session_id, generation, idx, turn, role, json, created)
                SELECT $id, 0, idx, turn, role, json, created FROM messages
                WHERE session_id = $src AND generation = (SELECT coalesce(max(generation), 0) FROM messages WHERE session_id = $src)
                """, ("$id", newId), ("$src", sourceId));
            tx.Commit();
        }

        return Get(newId)!;
    }

    /// <summary>Opens the write-ahead journal the engine records <paramref name="sessionId"/> into.</summary>
    public SqliteJournal OpenJournal(string sessionId) => new(this, Get(sessionId) ?? throw new StoreException($"no session '{sessionId}'"));

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
            _connection.Dispose();
    }

    internal string Now() => _time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);

    internal DateTimeOffset Today() => _time.GetUtcNow();

    internal void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(null, sql, parameters);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction (all or nothing, one commit).</summary>
    internal void InTransaction(Action<SqliteTransaction> work)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            work(tx);
            tx.Commit();
        }
    }

    internal void Run(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        command.ExecuteNonQuery();
    }

    internal List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(null, sql, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
                rows.Add(read(reader));
            return rows;
        }
    }

    internal void StoreBlob(SqliteTransaction? tx, string hash, string text) =>
        Run(tx, "INSERT OR IGNORE INTO blobs (hash, size, data) VALUES ($h, $s, $d)", ("$h", hash), ("$s", text.Length), ("$d", text));

    internal string? LoadBlob(string hash) =>
        Query("SELECT data FROM blobs WHERE hash = $h", r => r.GetString(0), ("$h", hash)).FirstOrDefault();

    private SqliteCommand Command(SqliteTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private List<SessionRecord> QuerySessions(string sql, params (string Name, object? Value)[] parameters) =>
        Query(sql, r => new SessionRecord(
            r.GetString(r.GetOrdinal("id")),
            r.GetString(r.GetOrdinal("workspace")),
            r.GetString(r.GetOrdinal("model")),
            r.GetString(r.GetOrdinal("title")),
            r.IsDBNull(r.GetOrdinal("parent_id")) ? null : r.GetString(r.GetOrdinal("parent_id")),
            ParseTime(r.GetString(r.GetOrdinal("created"))),
            ParseTime(r.GetString(r.GetOrdinal("updated"))),
            r.GetInt32(r.GetOrdinal("turns")),
            r.GetInt64(r.GetOrdinal("input_tokens")),
            r.GetInt64(r.GetOrdinal("output_tokens")),
            r.GetInt64(r.GetOrdinal("cost_nano_usd")) / 1_000_000_000m,
            r.GetString(r.GetOrdinal("status")),
            r.GetInt32(r.GetOrdinal("unpriced")))
        {
            Agent = r.IsDBNull(r.GetOrdinal("agent")) ? null : r.GetString(r.GetOrdinal("agent")),
        }, parameters);

    internal static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    internal static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
