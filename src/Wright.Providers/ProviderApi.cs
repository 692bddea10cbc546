namespace Wright.Providers;

/// <summary>Which wire protocol a provider speaks.</summary>
public enum ProviderApi
{
    /// <summary>OpenAI Responses API (through the OpenAI SDK).</summary>
    OpenAIResponses,

    /// <summary>OpenAI Chat Completions (through the OpenAI SDK).</summary>
    OpenAIChat,

    /// <summary>Anthropic Messages API (Wright's own AOT-safe client).</summary>
    Anthropic,

    /// <summary>An OpenAI-compatible Chat Completions endpoint of another vendor (Wright's own client).</summary>
    OpenAICompatible,
}
