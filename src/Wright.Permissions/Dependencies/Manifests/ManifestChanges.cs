namespace Wright.Permissions.Dependencies.Manifests;

/// <summary>The dependencies a change to a manifest adds: what the new text declares that the old did not.</summary>
public static class ManifestChanges
{
    /// <summary>
    /// The new dependencies of a change of the file at <paramref name="origin"/> from <paramref name="before"/> (null:
    /// absent) to <paramref name="after"/> (null: deleted). A version change of a declared package adds nothing; a
    /// package moved to a URL or another index does. A changed lockfile and a new text that cannot be read are reported
    /// as such, since what they install cannot be checked.
    /// </summary>
    public static IReadOnlyList<DependencyRequest> NewEntries(ManifestKind kind, string? before, string? after, string origin)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (after is null || after == before)
            return [];
        if (kind.IsLockfile)
            return [new DependencyRequest(kind.Ecosystem, origin, RequestKind.Lockfile, origin)];
        if (ManifestReader.Read(kind, after, origin) is not { } declared)
            return [new DependencyRequest(kind.Ecosystem, origin, RequestKind.Unreadable, origin)];
        var old = before is null ? [] : ManifestReader.Read(kind, before, origin) ?? [];
        var known = old.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        return [.. declared.Where(r => !known.Contains(r.Key))];
    }
}
