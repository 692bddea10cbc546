using Microsoft.Extensions.AI;

namespace Wright.Sessions.Store;

/// <summary>
/// A message of a session's whole history: <see cref="Superseded"/> is null for a message of the current transcript,
/// <c>compaction</c> or <c>rewind</c> for one a compaction or a rewind took out of it.
/// </summary>
public sealed record HistoryMessage(ChatMessage Message, int Turn, string? Superseded);
