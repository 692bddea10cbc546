namespace Wright.Node.Grains;

/// <summary>
/// The fleet's backstop (one activation in the cluster, kept alive by an Orleans reminder stored in PostgreSQL): every
/// period it gives back to the queue the attempts of nodes that Orleans declared dead, in case no node saw the
/// membership change (all nodes restarted together, say).
/// </summary>
public interface ISweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent) and sweeps once.</summary>
    Task StartAsync();
}
