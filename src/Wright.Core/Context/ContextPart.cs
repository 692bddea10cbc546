namespace Wright.Core.Context;

/// <summary>One kind of content in the context (e.g. tool results) and the tokens it takes.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Items">How many messages, tools or calls of this kind there are.</param>
/// <param name="Tokens">Their estimated tokens (o200k).</param>
public sealed record ContextPart(ContextPartKind Kind, int Items, long Tokens);
