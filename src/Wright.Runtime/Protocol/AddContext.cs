namespace Wright.Runtime.Protocol;

/// <summary>Add a note from the person to the conversation (the model sees it on the next run). Acknowledged by nothing but the journal.</summary>
public sealed record AddContext(string Text) : SessionOperation;
