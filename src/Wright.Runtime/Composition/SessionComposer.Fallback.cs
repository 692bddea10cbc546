using Microsoft.Extensions.AI;
using Wright.Providers;
using Wright.Providers.Middleware;
using Wright.Runtime.Configuration;

namespace Wright.Runtime.Composition;

internal static partial class SessionComposer
{
    /// <summary>
    /// Puts <paramref name="primary"/> first in a <see cref="FallbackChatClient"/> with the <paramref name="fallback"/>
    /// models after it (each a full pipeline of its own, so its retries, errors and prices are its own); returns the
    /// primary client unchanged when the list is empty.
    /// </summary>
    private static IChatClient WithFallback(ResolvedProvider provider, IChatClient primary, IReadOnlyList<string> fallback,
        Func<string, string?> environment, WrightConfig config, HttpClient http, RetryOptions retry, bool budget)
    {
        if (fallback.Count == 0)
            return primary;
        var models = new List<FallbackModel> { new(provider.Spec, provider.Model, primary, ContextWindowOf(provider)) };
        try
        {
            foreach (var text in fallback)
            {
                var next = ResolveModel(text, environment, config);
                if (budget)
                    RequirePrice(next);
                models.Add(new FallbackModel(next.Spec, next.Model, ChatClientFactory.Create(next, http, retry), ContextWindowOf(next)));
            }
        }
        catch
        {
            foreach (var model in models)
                model.Client.Dispose();
            throw;
        }

        return new FallbackChatClient(models);
    }

    /// <summary>
    /// Puts the configured <c>routes</c> in front of <paramref name="client"/> (the session's model with its fallback):
    /// each rule's model gets a pipeline of its own; returns <paramref name="client"/> unchanged when there is none (and
    /// disposes it when a rule cannot be resolved).
    /// </summary>
    private static IChatClient WithRoutes(ResolvedProvider provider, IChatClient client, IReadOnlyList<RouteConfig> routes,
        Func<string, string?> environment, WrightConfig config, HttpClient http, RetryOptions retry, bool budget)
    {
        if (routes.Count == 0)
            return client;
        var built = new List<ModelRoute>();
        try
        {
            foreach (var route in routes)
            {
                var target = ResolveModel(route.Model, environment, config);
                if (budget)
                    RequirePrice(target);
                built.Add(new ModelRoute(target.Spec, target.Model, ChatClientFactory.Create(target, http, retry))
                {
                    Prompt = route.Prompt is null ? null : RouteRulesChatClient.Pattern(route.Prompt),
                    MinContextTokens = route.MinContextTokens,
                });
            }
        }
        catch
        {
            foreach (var route in built)
                route.Client.Dispose();
            client.Dispose();
            throw;
        }

        return new RouteRulesChatClient(provider.Spec, client, built);
    }
}
