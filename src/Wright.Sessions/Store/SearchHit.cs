namespace Wright.Sessions.Store;

/// <summary>A full-text search result: a message of a past session (cited by session and turn) or a memory.</summary>
public sealed record SearchHit(string Kind, string? SessionId, int Turn, string Snippet, string Reference);
