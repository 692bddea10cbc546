using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Wright.Core.Context;
using Wright.Core.Providers;

namespace Wright.Providers.Middleware;

/// <summary>
/// Explicit routing: before each request the rules are tried in order, and the first whose conditions all hold (a
/// pattern on the latest user prompt, an estimated context size) sends the request to its model; when none holds, the
/// session's own model answers. No other heuristic. A routed request starts its stream with a
/// <see cref="ModelSwitchContent"/> that names the rule and why it held, so the switch is an event and the usage is
/// priced under the model that answered (each model's own pipeline prices it). Not Microsoft.Extensions.AI's
/// <c>RoutingChatClient</c>: it selects a client but has no place to tell the engine which model answered and why.
/// </summary>
public sealed class RouteRulesChatClient(string spec, IChatClient inner, IReadOnlyList<ModelRoute> routes) : IChatClient
{
    private static readonly TimeSpan PatternBudget = TimeSpan.FromMilliseconds(200);

    /// <summary>The rules, in the order they are tried.</summary>
    public IReadOnlyList<ModelRoute> Routes => routes;

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        return Choose(history, options) is { } route
            ? route.Route.Client.GetResponseAsync(history, For(route.Route, options), cancellationToken)
            : inner.GetResponseAsync(history, options, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        var chosen = Choose(history, options);
        if (chosen is not { } route)
        {
            await foreach (var update in inner.GetStreamingResponseAsync(history, options, cancellationToken))
                yield return update;
            yield break;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new ModelSwitchContent(spec, route.Route.Spec, route.Reason)]);
        await foreach (var update in route.Route.Client.GetStreamingResponseAsync(history, For(route.Route, options), cancellationToken))
            yield return update;
    }

    /// <summary>The first rule that holds for this request, with why; null: the session's model.</summary>
    internal (ModelRoute Route, string Reason)? Choose(IList<ChatMessage> messages, ChatOptions? options)
    {
        string? prompt = null;
        int? tokens = null;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var reasons = new List<string>();
            if (route.Prompt is { } pattern)
            {
                prompt ??= LatestPrompt(messages);
                if (!Matches(pattern, prompt))
                    continue;
                reasons.Add(string.Format(CultureInfo.InvariantCulture, "the prompt matches /{0}/", pattern));
            }

            if (route.MinContextTokens is { } min)
            {
                tokens ??= TokenEstimator.Shared.Count(messages) + TokenEstimator.Shared.CountTools(options?.Tools);
                if (tokens < min)
                    continue;
                reasons.Add(string.Format(CultureInfo.InvariantCulture, "the context is about {0:N0} tokens (at least {1:N0})", tokens, min));
            }

            if (reasons.Count == 0)
                continue;
            return (route, string.Format(CultureInfo.InvariantCulture, "route {0}: {1}", i + 1, string.Join(" and ", reasons)));
        }

        return null;
    }

    private static string LatestPrompt(IList<ChatMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User && messages[i].Text is { Length: > 0 } text)
                return text;
        }

        return "";
    }

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // a pattern too slow for this prompt does not hold
        }
    }

    /// <summary>A pattern as a routing rule uses it (.NET syntax, case-sensitive unless it starts with <c>(?i)</c>), with a time limit; throws <see cref="ArgumentException"/> when it is not valid.</summary>
    public static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant, PatternBudget);

    private static ChatOptions For(ModelRoute route, ChatOptions? options)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = route.ModelId;
        return copy;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        inner.Dispose();
        foreach (var route in routes)
            route.Client.Dispose();
    }
}
