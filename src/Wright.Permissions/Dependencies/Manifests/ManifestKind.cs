namespace Wright.Permissions.Dependencies.Manifests;

/// <summary>What a file is to a package manager: a manifest of <see cref="Ecosystem"/> in <see cref="Format"/>, or its lockfile.</summary>
public sealed record ManifestKind(Ecosystem Ecosystem, ManifestFormat Format)
{
    /// <summary>Whether the file is a lockfile (written by the package manager, never by hand).</summary>
    public bool IsLockfile => Format == ManifestFormat.Lockfile;
}
