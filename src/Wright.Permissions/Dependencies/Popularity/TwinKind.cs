namespace Wright.Permissions.Dependencies.Popularity;

/// <summary>How a name resembles a popular one.</summary>
public enum TwinKind
{
    /// <summary>One or two edits (letters inserted, deleted, replaced or swapped).</summary>
    Edits,

    /// <summary>The same letters with other separators (<c>-</c>, <c>_</c>, <c>.</c>).</summary>
    Separators,

    /// <summary>A language affix added or dropped (<c>python-</c>, <c>-js</c>, …).</summary>
    Affix,

    /// <summary>The same npm package name under another scope.</summary>
    OtherScope,

    /// <summary>The same Go repository name under another owner.</summary>
    OtherOwner,
}
