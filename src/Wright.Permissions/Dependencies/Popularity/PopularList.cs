namespace Wright.Permissions.Dependencies.Popularity;

/// <summary>One ecosystem's popular packages, most popular first.</summary>
public sealed class PopularList
{
    private readonly HashSet<string> _normalized;

    internal PopularList(Ecosystem ecosystem, IEnumerable<(string Name, long Weight)> entries)
    {
        Ecosystem = ecosystem;
        Names = [.. entries.OrderBy(e => e.Weight).Select(e => e.Name)];
        _normalized = Names.Select(n => Compare(n)).ToHashSet(StringComparer.Ordinal);
        Forms = [.. Names.Select(n => (n, Compare(n)))];
    }

    /// <summary>The ecosystem.</summary>
    public Ecosystem Ecosystem { get; }

    /// <summary>The names, most popular first.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Each name with its compared form.</summary>
    internal IReadOnlyList<(string Name, string Form)> Forms { get; }

    /// <summary>Whether <paramref name="name"/> is on the list (as the registry compares names).</summary>
    public bool Contains(string name) => _normalized.Contains(Compare(name));

    /// <summary>The form names are compared in: the registry's normalisation, lower case.</summary>
    internal string Compare(string name) => PackageNames.Normalize(Ecosystem, name).ToLowerInvariant();
}
