namespace Wright.Core.Events;

/// <summary>
/// The workspace was snapshotted before a turn's first mutating tool call. <see cref="Messages"/> is the transcript
/// length before that turn's response, so rewinding the conversation to this point cuts at a consistent place.
/// <see cref="Snapshot"/> is null when the snapshot failed (<see cref="Error"/> says why; the turn goes on).
/// </summary>
public sealed record CheckpointCreated(int Turn, string? Snapshot, int Messages, long DurationMs, string? Error = null) : AgentEvent;
