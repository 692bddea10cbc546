namespace Wright.Providers.OpenAICompatible;

/// <summary>Where and how to reach an OpenAI-compatible Chat Completions endpoint.</summary>
public sealed class OpenAICompatibleClientOptions
{
    /// <summary>The base URL including the version path (…/v1, …/compatible-mode/v1, …/api/paas/v4, …/v1beta/openai).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The key, sent as a Bearer token when present.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model id.</summary>
    public required string Model { get; init; }

    /// <summary>Provider name for messages.</summary>
    public string ProviderName { get; init; } = "openai-compatible";

    /// <summary>max_tokens when the request does not set one.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Whether the endpoint accepts <c>reasoning_effort</c>.</summary>
    public bool SendReasoningEffort { get; init; } = true;

    /// <summary>The vendor's own reasoning switch, sent for an effort when <see cref="SendReasoningEffort"/> is off.</summary>
    public VendorThinking Thinking { get; init; }

    /// <summary>
    /// OpenAI's own Chat Completions (the <c>openai-chat</c> API): the output cap is sent as
    /// <c>max_completion_tokens</c> and <c>reasoning_content</c> is never sent back.
    /// </summary>
    public bool OpenAI { get; init; }

    /// <summary>Extra headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The most bytes one response stream may have before it is cut off with an error (a hostile endpoint's endless line or tool call).</summary>
    public long MaxResponseBytes { get; init; } = Http.BoundedResponseStream.DefaultLimit;
}
