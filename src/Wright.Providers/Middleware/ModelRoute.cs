using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Wright.Providers.Middleware;

/// <summary>
/// One routing rule of a <see cref="RouteRulesChatClient"/>: the model (<paramref name="Spec"/>, its request id
/// <paramref name="ModelId"/> and its own pipeline <paramref name="Client"/>) that answers a request when every condition
/// the rule sets holds. A rule sets at least one condition.
/// </summary>
public sealed record ModelRoute(string Spec, string ModelId, IChatClient Client)
{
    /// <summary>The request's latest user prompt matches this pattern.</summary>
    public Regex? Prompt { get; init; }

    /// <summary>The request's estimated size (messages and tool definitions, in tokens) is at least this.</summary>
    public int? MinContextTokens { get; init; }
}
