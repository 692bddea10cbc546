namespace Wright.Runtime.Configuration;

/// <summary>
/// A provider the first-run setup offers: its preset id, the variable its key is read from (null for a local server),
/// whether a key is already there, whether it is a local server that answered, and the models to choose from.
/// </summary>
public sealed record SetupProvider(string Id, string? KeyVariable, bool HasKey, bool IsLocal, IReadOnlyList<string> Models);
