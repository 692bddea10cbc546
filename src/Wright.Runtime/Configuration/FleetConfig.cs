namespace Wright.Runtime.Configuration;

/// <summary>
/// <c>fleet</c> in <c>$WRIGHT_HOME/config.json</c>: the settings of <c>wright serve --cluster</c> (flags and the
/// environment come first). Only the user's own file is read for them: a repository's <c>.wright/config.json</c> (even a
/// trusted one) never names the fleet's database or its secret, which are this machine's credentials.
/// </summary>
public sealed class FleetConfig
{
    /// <summary><c>fleet.cluster</c>: the fleet's PostgreSQL connection string.</summary>
    public string? Cluster { get; set; }

    /// <summary><c>fleet.cluster_secret</c>: the nodes' shared secret (their credential for each other).</summary>
    public string? ClusterSecret { get; set; }

    /// <summary><c>fleet.cluster_id</c>: the Orleans cluster id (default: derived from the secret).</summary>
    public string? ClusterId { get; set; }

    /// <summary><c>fleet.name</c>: this node's name.</summary>
    public string? Name { get; set; }

    /// <summary><c>fleet.silo_port</c>.</summary>
    public int? SiloPort { get; set; }

    /// <summary><c>fleet.max_parallel</c>.</summary>
    public int? MaxParallel { get; set; }

    /// <summary><c>fleet.probe_timeout_seconds</c>.</summary>
    public int? ProbeTimeoutSeconds { get; set; }

    /// <summary><c>fleet.missed_probes</c>.</summary>
    public int? MissedProbes { get; set; }

    /// <summary><c>fleet.drain_timeout_seconds</c>.</summary>
    public int? DrainTimeoutSeconds { get; set; }
}
