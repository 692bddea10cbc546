namespace Wright.Core.Context;

/// <summary>One large item in the context: a tool result (named by its tool) or a message.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Label">The tool's name for a tool result or call; otherwise the start of the text.</param>
/// <param name="Tokens">Its estimated tokens (o200k).</param>
public sealed record ContextItem(ContextPartKind Kind, string Label, long Tokens);
