using Npgsql;

namespace Wright.Node.Store;

/// <summary>Creates the fleet's tables (Orleans' and Wright's, from the embedded <c>Sql/*.sql</c>) once per database.</summary>
internal static class FleetSchema
{
    /// <summary>Runs the embedded script <paramref name="name"/> in one transaction under an advisory lock (nodes starting together wait for each other).</summary>
    public static void Apply(NpgsqlDataSource source, string name)
    {
        using var stream = typeof(FleetSchema).Assembly.GetManifestResourceStream("sql/" + name)
            ?? throw new InvalidOperationException("missing embedded script " + name);
        using var text = new StreamReader(stream);
        var script = text.ReadToEnd();
        using var connection = source.OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7270417)", connection, tx))
            lockCommand.ExecuteNonQuery();
        using (var command = new NpgsqlCommand(script, connection, tx))
            command.ExecuteNonQuery();
        tx.Commit();
    }
}
