namespace Wright.Runtime.Protocol;

/// <summary>Run a prompt (a custom <c>/command</c> is expanded, with its model and allowed tools for this run). Acknowledged by <c>RunFinished</c>.</summary>
public sealed record SubmitPrompt(string Text) : SessionOperation;
