namespace Wright.Node.Hosting;

/// <summary><c>GET /api/fleet</c>: the node that answered and every node the fleet knows.</summary>
internal sealed record FleetStatus(string Self, IReadOnlyList<FleetNodeView> Nodes);
