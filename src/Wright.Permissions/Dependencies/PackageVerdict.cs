using Wright.Permissions.Dependencies.Registries;

namespace Wright.Permissions.Dependencies;

/// <summary>The verdict on one new dependency, with the evidence as one line (<see cref="Evidence"/>) and the facts behind it.</summary>
public sealed record PackageVerdict(DependencyRequest Request, VerdictKind Kind, string Evidence)
{
    /// <summary>What the registry said, when it was asked.</summary>
    public PackageFacts? Facts { get; init; }

    /// <summary>Popular names close to a missing one.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];
}
