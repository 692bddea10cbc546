namespace Wright.Node.Text;

/// <summary>Every user-facing string of the fleet node (for translation).</summary>
internal static class NodeStrings
{
    public const string ErrorPrefix = "wright: error: ";
    public const string Joined = "node {0} joined the fleet (silo {1}); API and dashboard at {2}?token={3}";
    public const string Draining = "node {0} is draining: it takes no new work and leaves once its attempts finish";
    public const string Leaving = "node {0} leaves the fleet";
    public const string HandingOver = "node {0} stops with {1} attempt(s) still running: the fleet gives them to other nodes";
    public const string MovedToAnotherNode = "its node died: queued again for another node";
    public const string NoSuchNode = "no node '{0}' in the fleet";
    public const string NoCluster = "--cluster needs a PostgreSQL connection string (or WRIGHT_CLUSTER, or fleet.cluster in $WRIGHT_HOME/config.json)";
    public const string NoSecret = "a fleet node needs the cluster secret, the nodes' credential for each other: --cluster-secret, WRIGHT_CLUSTER_SECRET or fleet.cluster_secret in $WRIGHT_HOME/config.json (the same on every node)";
    public const string ShortSecret = "the cluster secret must be at least {0} characters long (it is the only thing that keeps strangers out of the silo ports)";
    public const string ClusterIdOption = "The Orleans cluster id (default: derived from the cluster secret)";
    public const string BadCluster = "cannot reach the fleet's database: {0}";
    public const string BadParallel = "--max-parallel must be at least 1 (got {0})";
    public const string NeedsExpose = "--host {0} is not a loopback address: add --expose to serve other machines";
    public const string NoRoots = "{0} is not a place to take repositories from: pass --repo-root DIR";
    public const string ServeDescription = "Run a node of a Wright fleet: Orleans on PostgreSQL, one shared queue (wright serve --cluster)";
    public const string ClusterOption = "The fleet's PostgreSQL connection string (or WRIGHT_CLUSTER)";
    public const string NameOption = "This node's name in `wright fleet status`";
    public const string SiloPortOption = "The port nodes talk to each other on (Orleans silo port)";
    public const string ProbeOption = "Failure detection: seconds before a probe counts as missed";
    public const string MissedOption = "Failure detection: missed probes before a node is suspected";
    public const string DrainTimeoutOption = "Seconds a stopping node lets its attempts finish before the fleet takes them over";
    public const string SecretOption = "The cluster secret (or WRIGHT_CLUSTER_SECRET): nodes of one fleet must share it";
    public const string FleetDescription = "Look after a Wright fleet";
    public const string StatusDescription = "The fleet's nodes: state, capacity, load and the attempts they run";
    public const string DrainDescription = "Let NODE finish its attempts, take no new work, then leave";
    public const string UrlOption = "Any node's API URL (default http://127.0.0.1:8420, or WRIGHT_SERVER_URL)";
    public const string NoToken = "no API token: set WRIGHT_SERVER_TOKEN or keep $WRIGHT_HOME/server-token";
    public const string RequestFailed = "{0} answered {1}: {2}";
    public const string Unreachable = "cannot reach {0}: {1}";
    public const string StatusHeader = "{0,-24} {1,-9} {2,-8} {3,-28} {4}";
    public const string DrainAsked = "node {0} drains: it finishes its attempts, then leaves";
}
