using Microsoft.Extensions.AI;

namespace Wright.Providers.Middleware;

/// <summary>One model of a fallback list: its spec (<c>provider/model</c>), model id, full client pipeline and context window.</summary>
public sealed record FallbackModel(string Spec, string ModelId, IChatClient Client, int ContextWindow);
