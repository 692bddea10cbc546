namespace Wright.Permissions.Dependencies.Registries;

/// <summary>The answer to one look-up: the facts, or why the registry could not be reached (or, cache only, nothing).</summary>
public sealed record RegistryAnswer(PackageFacts? Facts, string? Unreachable)
{
    /// <summary>Whether nothing is known: the registry was not asked (cache only) and nothing was cached.</summary>
    public bool NotAsked => Facts is null && Unreachable is null;
}
