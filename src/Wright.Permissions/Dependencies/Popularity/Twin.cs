namespace Wright.Permissions.Dependencies.Popularity;

/// <summary>The popular package a name resembles, how, and how far (edits; 0 for a same-letters or affix twin).</summary>
public sealed record Twin(string Popular, TwinKind Kind, int Distance)
{
    /// <summary>The affix added or dropped, for <see cref="TwinKind.Affix"/>.</summary>
    public string? Affix { get; init; }
}
