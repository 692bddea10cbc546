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
}
