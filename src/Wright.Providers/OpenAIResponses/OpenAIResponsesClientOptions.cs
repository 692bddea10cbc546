namespace Wright.Providers.OpenAIResponses;

/// <summary>Where and how to reach OpenAI's Responses API.</summary>
public sealed class OpenAIResponsesClientOptions
{
    /// <summary>The base URL including the version path (…/v1); requests go to <c>{BaseUrl}/responses</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The key, sent as a Bearer token when present.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model id.</summary>
    public required string Model { get; init; }

    /// <summary>Provider name for messages.</summary>
    public string ProviderName { get; init; } = "openai";

    /// <summary>
    /// Whether the model reasons even without an effort (the catalog's <see cref="Catalog.ModelInfo.Reasons"/>): its
    /// reasoning items are then asked for with their encrypted content and sent back. With an effort set this is
    /// assumed.
    /// </summary>
    public bool Reasons { get; init; }

    /// <summary>Extra headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The most bytes one response stream may have before it is cut off with an error (a hostile endpoint's endless line or tool call).</summary>
    public long MaxResponseBytes { get; init; } = Http.BoundedResponseStream.DefaultLimit;
}
