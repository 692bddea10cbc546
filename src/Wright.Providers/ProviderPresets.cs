using Wright.Providers.OpenAICompatible;

namespace Wright.Providers;

/// <summary>The built-in providers with their real default endpoints and key variables.</summary>
public static class ProviderPresets
{
    /// <summary>All presets by id.</summary>
    public static IReadOnlyDictionary<string, ProviderPreset> All { get; } = Build();

    /// <summary>The conventional variable name for a provider id: <c>qwen-cn</c> → <c>QWEN_CN_&lt;suffix&gt;</c>.</summary>
    public static string Variable(string id, string suffix) => id.ToUpperInvariant().Replace('-', '_') + "_" + suffix;

    private static Dictionary<string, ProviderPreset> Build()
    {
        var list = new List<ProviderPreset>
        {
            Make("openai", ProviderApi.OpenAIResponses, "https://api.openai.com/v1", ["OPENAI_API_KEY"], effort: true),
            Make("openai-chat", ProviderApi.OpenAIChat, "https://api.openai.com/v1", ["OPENAI_API_KEY"], ["OPENAI_BASE_URL"], effort: true),
            Make("anthropic", ProviderApi.Anthropic, "https://api.anthropic.com", ["ANTHROPIC_API_KEY"], effort: true),
            Make("deepseek", ProviderApi.OpenAICompatible, "https://api.deepseek.com/v1", ["DEEPSEEK_API_KEY"]),
            Make("qwen", ProviderApi.OpenAICompatible, "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", ["DASHSCOPE_API_KEY"], thinking: VendorThinking.Qwen),
            Make("qwen-cn", ProviderApi.OpenAICompatible, "https://dashscope.aliyuncs.com/compatible-mode/v1", ["DASHSCOPE_API_KEY"], thinking: VendorThinking.Qwen),
            Make("moonshot", ProviderApi.OpenAICompatible, "https://api.moonshot.ai/v1", ["MOONSHOT_API_KEY", "KIMI_API_KEY"]),
            Make("moonshot-cn", ProviderApi.OpenAICompatible, "https://api.moonshot.cn/v1", ["MOONSHOT_API_KEY", "KIMI_API_KEY"]),
            Make("zhipu", ProviderApi.OpenAICompatible, "https://open.bigmodel.cn/api/paas/v4", ["ZHIPUAI_API_KEY", "ZHIPU_API_KEY"], thinking: VendorThinking.Zhipu),
            Make("zai", ProviderApi.OpenAICompatible, "https://api.z.ai/api/paas/v4", ["ZAI_API_KEY", "ZHIPUAI_API_KEY"], thinking: VendorThinking.Zhipu),
            Make("minimax", ProviderApi.OpenAICompatible, "https://api.minimax.io/v1", ["MINIMAX_API_KEY"]),
            Make("minimax-cn", ProviderApi.OpenAICompatible, "https://api.minimaxi.com/v1", ["MINIMAX_API_KEY"]),
            Make("xai", ProviderApi.OpenAICompatible, "https://api.x.ai/v1", ["XAI_API_KEY"], effort: true),
            Make("mistral", ProviderApi.OpenAICompatible, "https://api.mistral.ai/v1", ["MISTRAL_API_KEY"]),
            Make("openrouter", ProviderApi.OpenAICompatible, "https://openrouter.ai/api/v1", ["OPENROUTER_API_KEY"], effort: true),
            Make("groq", ProviderApi.OpenAICompatible, "https://api.groq.com/openai/v1", ["GROQ_API_KEY"], effort: true),
            Make("gemini", ProviderApi.OpenAICompatible, "https://generativelanguage.googleapis.com/v1beta/openai", ["GEMINI_API_KEY", "GOOGLE_API_KEY"], effort: true),
            Make("ollama", ProviderApi.OpenAICompatible, "http://127.0.0.1:11434/v1", [], requiresKey: false),
            Make("lmstudio", ProviderApi.OpenAICompatible, "http://127.0.0.1:1234/v1", [], requiresKey: false),
        };
        return list.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    private static ProviderPreset Make(string id, ProviderApi api, string baseUrl, string[] keys, string[]? extraBaseUrlVars = null,
        bool requiresKey = true, bool effort = false, VendorThinking thinking = VendorThinking.None)
    {
        // <PROVIDER>_API_KEY and <PROVIDER>_BASE_URL always work; conventional names follow.
        var keyVars = new List<string> { Variable(id, "API_KEY") };
        keyVars.AddRange(keys.Where(k => !keyVars.Contains(k)));
        var urlVars = new List<string> { Variable(id, "BASE_URL") };
        urlVars.AddRange(extraBaseUrlVars ?? []);
        return new ProviderPreset(id, api, baseUrl, keyVars, urlVars, requiresKey, effort, thinking);
    }
}
