namespace Wright.Node.Store;

/// <summary>An attempt's last durable step: its session's journal (a SQLite file) and its branch's commit on the remote.</summary>
public sealed record Checkpoint(string SessionId, byte[] Journal, string Head);
