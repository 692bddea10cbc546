namespace Wright.Providers.OpenAICompatible;

/// <summary>How an OpenAI-compatible vendor switches reasoning on, for <c>--effort</c> where <c>reasoning_effort</c> is not accepted.</summary>
public enum VendorThinking
{
    /// <summary>No vendor parameter (reasoning is chosen by model, e.g. deepseek-reasoner, or not offered).</summary>
    None,

    /// <summary>Alibaba DashScope (Qwen3): <c>enable_thinking</c> with a <c>thinking_budget</c> in tokens.</summary>
    Qwen,

    /// <summary>Zhipu / Z.ai (GLM-4.5 and later): <c>thinking: {"type": "enabled"}</c>.</summary>
    Zhipu,
}
