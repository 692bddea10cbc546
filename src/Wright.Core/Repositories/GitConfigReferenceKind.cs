namespace Wright.Core.Repositories;

/// <summary>What git does with a path its config names.</summary>
public enum GitConfigReferenceKind
{
    /// <summary><c>core.hooksPath</c>: a folder whose programs git runs.</summary>
    HooksFolder,

    /// <summary><c>include.path</c>, <c>includeIf.*.path</c>: more configuration.</summary>
    IncludedFile,
}
