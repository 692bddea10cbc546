namespace Wright.Node.Hosting;

/// <summary>How a fleet node runs (<c>wright serve --cluster …</c>).</summary>
public sealed record NodeOptions
{
    /// <summary>The PostgreSQL connection string of the fleet (membership, reminders, queue, events).</summary>
    public required string Cluster { get; init; }

    /// <summary>The node's name in <c>wright fleet status</c> (default: host name and port).</summary>
    public string? Name { get; init; }

    /// <summary>The address the API binds and the silo advertises.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The API's port.</summary>
    public int Port { get; init; } = 8420;

    /// <summary>The port nodes talk to each other on (Orleans silo port).</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>At most this many attempts run here at once (the node takes work while it has room).</summary>
    public int MaxParallel { get; init; } = Environment.ProcessorCount;

    /// <summary>Failure detection: a probe not answered within this is missed.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Failure detection: this many missed probes make a node suspect; two suspicions declare it dead.</summary>
    public int MissedProbes { get; init; } = 3;

    /// <summary>How long a stopping node (SIGTERM, rolling restart) lets its attempts finish before it hands them over.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The shared cluster secret, the nodes' credential: the fleet's CA key is derived from it (see <see cref="ClusterTrust"/>),
    /// and so, unless <see cref="ClusterId"/> names one, is the cluster id.
    /// </summary>
    public required string Secret { get; init; }

    /// <summary>The Orleans cluster id; null: derived from the secret.</summary>
    public string? ClusterId { get; init; }
}
