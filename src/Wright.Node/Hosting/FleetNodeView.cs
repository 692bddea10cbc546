namespace Wright.Node.Hosting;

/// <summary>One node in <c>GET /api/fleet</c>: Orleans' view of it (<paramref name="Status"/>) and its own report.</summary>
internal sealed record FleetNodeView(string Id, string Name, string Url, string Status, int MaxParallel, int Running, bool Draining,
    DateTimeOffset Seen, IReadOnlyList<string> Attempts);
