using Microsoft.Data.Sqlite;

namespace Wright.Sessions.Store;

/// <summary>
/// The store's schema as an ordered list of migrations; <c>PRAGMA user_version</c> says how many have run. A new
/// version only ever appends a migration, so every older database upgrades in place, in one transaction per step.
/// </summary>
internal static class Schema
{
    private static readonly string[] Migrations =
    [
        // 1: sessions, the transcript (by generation: compaction and rewind start a new one), events, usage.
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            workspace TEXT NOT NULL,
            model TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            parent_id TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            turns INTEGER NOT NULL DEFAULT 0,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            cost_nano_usd INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open');
        CREATE INDEX sessions_by_workspace ON sessions(workspace, updated);
        CREATE TABLE messages (
            session_id TEXT NOT NULL,
            generation INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            turn INTEGER NOT NULL,
            role TEXT NOT NULL,
            json TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (session_id, generation, idx));
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL,
            type TEXT NOT NULL,
            json TEXT NOT NULL,
            time TEXT NOT NULL);
        CREATE INDEX events_by_session ON events(session_id, id);
        CREATE TABLE usage (
            session_id TEXT NOT NULL,
            turn INTEGER NOT NULL,
            model TEXT NOT NULL,
            day TEXT NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cache_read_tokens INTEGER NOT NULL,
            cache_write_tokens INTEGER NOT NULL,
            cost_nano_usd INTEGER);
        """,
        // 2: tool calls with results stored once (content-addressed), safety labels, checkpoints, full-text search, memory.
        """
        CREATE TABLE blobs (hash TEXT PRIMARY KEY, size INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE TABLE tool_calls (
            session_id TEXT NOT NULL,
            call_id TEXT NOT NULL,
            name TEXT NOT NULL,
            arguments TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'requested',
            result_hash TEXT,
            duration_ms INTEGER,
            untrusted_source TEXT,
            requested TEXT NOT NULL,
            finished TEXT,
            PRIMARY KEY (session_id, call_id));
        CREATE TABLE labels (session_id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, time TEXT NOT NULL);
        CREATE TABLE checkpoints (
            session_id TEXT NOT NULL,
            turn INTEGER NOT NULL,
            snapshot TEXT NOT NULL,
            generation INTEGER NOT NULL,
            messages INTEGER NOT NULL,
            time TEXT NOT NULL,
            PRIMARY KEY (session_id, turn));
        CREATE TABLE memories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scope TEXT NOT NULL,
            project TEXT,
            text TEXT NOT NULL,
            created TEXT NOT NULL);
        CREATE VIRTUAL TABLE search USING fts5(text, kind UNINDEXED, session_id UNINDEXED, turn UNINDEXED, ref UNINDEXED, tokenize = 'trigram');
        """,
        // 3: subagents are child sessions of the session whose task call ran them (parent_id), named by their agent.
        """
        ALTER TABLE sessions ADD COLUMN agent TEXT;
        CREATE INDEX sessions_by_parent ON sessions(parent_id);
        """,
    ];

    /// <summary>The version a fully migrated database has.</summary>
    public static int Latest => Migrations.Length;

    /// <summary>Brings <paramref name="connection"/> to the latest version; refuses a database from a newer Wright.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Latest)
            throw new StoreException($"the session store was written by a newer Wright (schema {version}, this one knows {Latest}); update Wright.");
        for (var v = version; v < Latest; v++)
        {
            using var tx = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            command.ExecuteNonQuery();
            tx.Commit();
        }
    }

    /// <summary>Runs only the first <paramref name="count"/> migrations (tests build old databases with it).</summary>
    internal static void MigrateTo(SqliteConnection connection, int count)
    {
        for (var v = 0; v < count; v++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            command.ExecuteNonQuery();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
