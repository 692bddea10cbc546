namespace Wright.Sessions.Store;

/// <summary>A remembered fact: <see cref="Scope"/> is <c>user</c> (everywhere) or <c>project</c> (one workspace).</summary>
public sealed record MemoryRecord(long Id, string Scope, string? Project, string Text, DateTimeOffset Created);
