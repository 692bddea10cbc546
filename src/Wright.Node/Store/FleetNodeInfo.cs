namespace Wright.Node.Store;

/// <summary>A node as it reports itself in the store: id (its Orleans silo address), name, API URL, capacity and load.</summary>
public sealed record FleetNodeInfo(string Id, string Name, string Url, int MaxParallel, int Running)
{
    /// <summary>Someone asked it to drain.</summary>
    public bool Draining { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>Its last report.</summary>
    public DateTimeOffset Seen { get; init; }
}
