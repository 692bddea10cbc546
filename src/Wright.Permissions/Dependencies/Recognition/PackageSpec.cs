namespace Wright.Permissions.Dependencies.Recognition;

/// <summary>What one install argument or manifest entry names: a registry package, a URL, or nothing new (a local path).</summary>
internal readonly record struct PackageSpec(RequestKind Kind, string Name)
{
    /// <summary>A local path, a workspace link, a platform requirement: not a new dependency.</summary>
    public static PackageSpec? Local => null;
}
