namespace Wright.Permissions.Dependencies;

/// <summary>
/// A new dependency a tool call asks for: a package of <see cref="Ecosystem"/> named <see cref="Name"/> (for other kinds
/// the URL, index, word or file to show), and where the request came from (<see cref="Origin"/>: the command, or the
/// manifest's path).
/// </summary>
public sealed record DependencyRequest(Ecosystem Ecosystem, string Name, RequestKind Kind, string Origin)
{
    /// <summary>The directory the install runs in (for what is already present there); null when unknown.</summary>
    public string? Directory { get; init; }

    /// <summary>Identity for de-duplication and for diffing manifests: ecosystem, kind and normalised name.</summary>
    public string Key => $"{Ecosystem}\u0001{Kind}\u0001{(Kind == RequestKind.Package ? PackageNames.Normalize(Ecosystem, Name) : Name)}";
}
