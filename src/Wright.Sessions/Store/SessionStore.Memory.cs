namespace Wright.Sessions.Store;

public sealed partial class SessionStore
{
    /// <summary>Remembers <paramref name="text"/> for the user (<paramref name="project"/> null) or one project.</summary>
    public MemoryRecord Remember(string text, string? project)
    {
        var scope = project is null ? "user" : "project";
        var now = Now();
        long id = 0;
        InTransaction(tx =>
        {
            Run(tx, "INSERT INTO memories (scope, project, text, created) VALUES ($s, $p, $t, $now)", ("$s", scope), ("$p", project), ("$t", text), ("$now", now));
            using (var last = tx.Connection!.CreateCommand())
            {
                last.Transaction = tx;
                last.CommandText = "SELECT last_insert_rowid()";
                id = (long)last.ExecuteScalar()!;
            }

            Run(tx, "INSERT INTO search (text, kind, session_id, turn, ref) VALUES ($t, 'memory', NULL, 0, $ref)",
                ("$t", text), ("$ref", Reference(id, scope, project)));
        });
        return new MemoryRecord(id, scope, project, text, ParseTime(now));
    }

    /// <summary>The user's memories plus those of <paramref name="project"/>, oldest first.</summary>
    public IReadOnlyList<MemoryRecord> Memories(string? project) =>
        Query("SELECT id, scope, project, text, created FROM memories WHERE project IS NULL OR project = $p ORDER BY id",
            r => new MemoryRecord(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), ParseTime(r.GetString(4))),
            ("$p", project));

    /// <summary>Forgets a memory; false when there is none with this id.</summary>
    public bool Forget(long id)
    {
        var memory = Query("SELECT scope, project FROM memories WHERE id = $id", r => (Scope: r.GetString(0), Project: r.IsDBNull(1) ? null : r.GetString(1)),
            ("$id", id));
        if (memory.Count == 0)
            return false;
        InTransaction(tx =>
        {
            Run(tx, "DELETE FROM memories WHERE id = $id", ("$id", id));
            Run(tx, "DELETE FROM search WHERE kind = 'memory' AND ref = $ref", ("$ref", Reference(id, memory[0].Scope, memory[0].Project)));
        });
        return true;
    }

    private static string Reference(long id, string scope, string? project) => $"memory {id} ({scope}{(project is null ? "" : ": " + project)})";
}
