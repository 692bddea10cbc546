namespace Wright.Tasks;

/// <summary>
/// One event of a task, as stored: <paramref name="Id"/> grows across the whole store, so it is a stream position
/// (SSE's <c>id</c> and <c>Last-Event-ID</c>); <paramref name="Json"/> is the stream-json object, or a task event
/// (<c>{"type":"attempt_status",…}</c>).
/// </summary>
public sealed record TaskEvent(long Id, string TaskId, int Attempt, string Json);
