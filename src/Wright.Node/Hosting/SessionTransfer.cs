using Microsoft.Data.Sqlite;

namespace Wright.Node.Hosting;

/// <summary>
/// Moves one session's journal between nodes' session stores (<c>$WRIGHT_HOME/wright.db</c>) as a small SQLite file
/// of that session's rows: its record, messages, events, usage, tool calls, labels, search entries and the blobs they
/// reference. Rewind snapshots stay behind (they live in the node's shadow repository).
/// </summary>
internal static class SessionTransfer
{
    /// <summary>The session's tables and the column that names the session.</summary>
    private static readonly (string Table, string Column)[] Tables =
    [
        ("sessions", "id"), ("messages", "session_id"), ("events", "session_id"), ("usage", "session_id"), ("tool_calls", "session_id"),
        ("labels", "session_id"), ("search", "session_id"),
    ];

    /// <summary>The session's rows in <paramref name="store"/>, as the bytes of a SQLite file.</summary>
    public static byte[] Export(string store, string sessionId, string scratch)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        File.Delete(scratch);
        using (var connection = Open(store))
        {
            Run(connection, "ATTACH DATABASE $file AS cp", ("$file", scratch));
            try
            {
                // Deferred: the session's own connection may hold the write lock while its event is handled here; reading
                // the main file (WAL) needs no lock, and only the attached file is written.
                using var tx = connection.BeginTransaction(deferred: true);
                foreach (var (table, column) in Tables)
                    Run(connection, $"CREATE TABLE cp.\"{table}\" AS SELECT * FROM main.\"{table}\" WHERE \"{column}\" = $id", ("$id", sessionId), tx);
                Run(connection, """
                    CREATE TABLE cp.blobs AS SELECT * FROM main.blobs b WHERE b.hash IN (SELECT result_hash FROM cp.tool_calls)
                      OR EXISTS (SELECT 1 FROM cp.messages m WHERE instr(m.json, b.hash) > 0)
                    """, tx: tx);
                tx.Commit();
            }
            finally
            {
                Run(connection, "DETACH DATABASE cp");
            }
        }

        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(scratch);
        File.Delete(scratch);
        return bytes;
    }

    /// <summary>Replaces the session's rows in <paramref name="store"/> with the exported ones; the session now works in <paramref name="workspace"/>.</summary>
    public static void Import(string store, string sessionId, byte[] journal, string workspace, string scratch)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        File.WriteAllBytes(scratch, journal);
        try
        {
            using var connection = Open(store);
            Run(connection, "ATTACH DATABASE $file AS cp", ("$file", scratch));
            try
            {
                using var tx = connection.BeginTransaction();
                foreach (var (table, column) in Tables)
                {
                    Run(connection, $"DELETE FROM main.\"{table}\" WHERE \"{column}\" = $id", ("$id", sessionId), tx);
                    // A row id that counts across the whole store (events.id) is given anew here: the other node's ids are its own.
                    var columns = Columns(connection, tx, table, skipId: table != "sessions");
                    Run(connection, $"INSERT INTO main.\"{table}\" ({columns}) SELECT {columns} FROM cp.\"{table}\"", tx: tx);
                }

                Run(connection, "INSERT OR IGNORE INTO main.blobs (hash, size, data) SELECT hash, size, data FROM cp.blobs", tx: tx);
                Run(connection, "UPDATE main.sessions SET workspace = $w WHERE id = $id", ("$w", workspace), tx, ("$id", sessionId));
                tx.Commit();
            }
            finally
            {
                Run(connection, "DETACH DATABASE cp");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(scratch);
        }
    }

    private static SqliteConnection Open(string store)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        Run(connection, "PRAGMA busy_timeout = 10000");
        return connection;
    }

    /// <summary>The exported table's columns (quoted, comma-separated): the same schema on both sides, whatever its order.</summary>
    private static string Columns(SqliteConnection connection, SqliteTransaction tx, string table, bool skipId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT name FROM pragma_table_info($t, 'cp')";
        command.Parameters.AddWithValue("$t", table);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            if (skipId && reader.GetString(0) == "id")
                continue;
            names.Add("\"" + reader.GetString(0).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        }

        return string.Join(", ", names);
    }

    private static void Run(SqliteConnection connection, string sql, (string Name, object Value)? arg = null, SqliteTransaction? tx = null, (string Name, object Value)? arg2 = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (arg is { } a)
            command.Parameters.AddWithValue(a.Name, a.Value);
        if (arg2 is { } b)
            command.Parameters.AddWithValue(b.Name, b.Value);
        command.ExecuteNonQuery();
    }
}
