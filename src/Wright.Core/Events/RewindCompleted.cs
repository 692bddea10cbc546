namespace Wright.Core.Events;

/// <summary>
/// A rewind to the checkpoint of <see cref="Turn"/> finished: <see cref="Changes"/> lists the files restored (<c>A</c>,
/// <c>M</c> or <c>D</c> and the path) and <see cref="UndoSnapshot"/> undoes that; <see cref="MessagesKept"/> is the
/// conversation's length after it was cut back (null when only files were restored).
/// </summary>
public sealed record RewindCompleted(int Turn, IReadOnlyList<string> Changes, string? UndoSnapshot, int? MessagesKept) : AgentEvent;
