using Microsoft.Extensions.AI;
using Wright.Core.Events;

namespace Wright.Core.Engine;

/// <summary>
/// Durable record of a session, written ahead: the engine calls these synchronously, and each call must be
/// committed before it returns, because the engine acts on the event right after (e.g. runs the tool call it just
/// recorded). A crash at any moment then loses nothing that was acknowledged.
/// </summary>
public interface ISessionJournal
{
    /// <summary>Records an event.</summary>
    void Record(AgentEvent item);

    /// <summary>Records a message appended to the transcript.</summary>
    void RecordMessage(ChatMessage message);

    /// <summary>
    /// Records that the transcript was replaced as a whole (compaction, rewind): what is recorded after continues it.
    /// </summary>
    void RecordTranscript(IReadOnlyList<ChatMessage> transcript);
}
