namespace Wright.Runtime.Configuration;

/// <summary>
/// One entry of <c>routes</c>: <c>{"model": "provider/model", "prompt": "regex", "min_context_tokens": n}</c>; the model
/// answers a request when every condition given holds (at least one is given). Tried in order; the first that holds wins.
/// </summary>
public sealed record RouteConfig(string Model, string? Prompt, int? MinContextTokens);
