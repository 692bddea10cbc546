namespace Wright.Runtime.Configuration;

/// <summary>A provider whose key is set: the variable that holds it, and whether it is one the first-run setup stored (<see cref="StoredKeys"/>).</summary>
public sealed record ProviderKey(string Provider, string Variable, bool Stored);
