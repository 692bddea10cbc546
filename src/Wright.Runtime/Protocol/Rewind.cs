namespace Wright.Runtime.Protocol;

/// <summary>Go back to the checkpoint before <see cref="Turn"/>: files, conversation or both. Acknowledged by <c>RewindCompleted</c>.</summary>
public sealed record Rewind(int Turn, RewindScope Scope = RewindScope.Both) : SessionOperation;
