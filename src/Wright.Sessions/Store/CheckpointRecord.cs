namespace Wright.Sessions.Store;

/// <summary>
/// A workspace snapshot taken before a turn's first mutating tool call, with where the conversation stood then
/// (<see cref="Messages"/> messages of transcript generation <see cref="Generation"/>).
/// </summary>
public sealed record CheckpointRecord(string SessionId, int Turn, string Snapshot, int Generation, int Messages, DateTimeOffset Time,
    string Prompt);
