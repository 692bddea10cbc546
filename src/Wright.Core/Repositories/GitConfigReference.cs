namespace Wright.Core.Repositories;

/// <summary>One path a git config file points git at (see <see cref="GitConfigReferences"/>).</summary>
/// <param name="Path">Absolute.</param>
/// <param name="Kind">What git does with it.</param>
public sealed record GitConfigReference(string Path, GitConfigReferenceKind Kind);
