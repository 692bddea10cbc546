using Wright.Providers;

namespace Wright.Tests.Providers;

public sealed class ProviderResolverTests
{
    private static readonly Dictionary<string, ProviderOverride> None = [];

    private static ResolvedProvider? Resolve(string spec, Dictionary<string, string> env, Dictionary<string, ProviderOverride>? config, out string error)
    {
        Assert.True(ModelSpec.TryParse(spec, out var parsed, out _));
        return ProviderResolver.Resolve(parsed, k => env.GetValueOrDefault(k), config ?? None, out error);
    }

    [Theory]
    [InlineData("deepseek/deepseek-chat", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("qwen/qwen3-coder-plus", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("qwen-cn/qwen3-coder-plus", "https://dashscope.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("moonshot/kimi-k2-0905-preview", "https://api.moonshot.ai/v1", "MOONSHOT_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("zhipu/glm-4.6", "https://open.bigmodel.cn/api/paas/v4", "ZHIPUAI_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("zai/glm-4.6", "https://api.z.ai/api/paas/v4", "ZAI_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("minimax/MiniMax-M2", "https://api.minimax.io/v1", "MINIMAX_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("xai/grok-code-fast-1", "https://api.x.ai/v1", "XAI_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("mistral/devstral-medium-latest", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("openrouter/anthropic/claude-sonnet-4.5", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("groq/openai/gpt-oss-120b", "https://api.groq.com/openai/v1", "GROQ_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("gemini/gemini-2.5-pro", "https://generativelanguage.googleapis.com/v1beta/openai", "GEMINI_API_KEY", ProviderApi.OpenAICompatible)]
    [InlineData("openai/gpt-5", "https://api.openai.com/v1", "OPENAI_API_KEY", ProviderApi.OpenAIResponses)]
    [InlineData("openai-chat/gpt-5", "https://api.openai.com/v1", "OPENAI_API_KEY", ProviderApi.OpenAIChat)]
    [InlineData("anthropic/claude-sonnet-4-5", "https://api.anthropic.com", "ANTHROPIC_API_KEY", ProviderApi.Anthropic)]
    public void Presets_have_real_endpoints_and_conventional_keys(string spec, string url, string keyVar, ProviderApi api)
    {
        var resolved = Resolve(spec, new() { [keyVar] = "k" }, null, out var error);

        Assert.NotNull(resolved);
        Assert.Equal("", error);
        Assert.Equal(new Uri(url), resolved.BaseUrl);
        Assert.Equal("k", resolved.ApiKey);
        Assert.Equal(api, resolved.Api);
    }

    [Fact]
    public void Local_providers_need_no_key()
    {
        var ollama = Resolve("ollama/qwen3", [], null, out _);
        var lmstudio = Resolve("lmstudio/qwen3", [], null, out _);

        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), ollama!.BaseUrl);
        Assert.Null(ollama.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:1234/v1"), lmstudio!.BaseUrl);
        Assert.Equal(0m, ollama.ModelInfo!.InputPrice);
    }

    [Fact]
    public void Base_url_and_key_come_from_provider_variables_first()
    {
        var resolved = Resolve("deepseek/deepseek-chat",
            new() { ["DEEPSEEK_BASE_URL"] = "http://127.0.0.1:9/v1", ["DEEPSEEK_API_KEY"] = "mine" },
            new() { ["deepseek"] = new ProviderOverride { BaseUrl = "https://config.example/v1" } }, out _);

        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), resolved!.BaseUrl);
        Assert.Equal("mine", resolved.ApiKey);
    }

    [Fact]
    public void Missing_key_names_the_variables()
    {
        Assert.Null(Resolve("gemini/gemini-2.5-pro", [], null, out var error));
        Assert.Equal("no API key for gemini: set GEMINI_API_KEY or GOOGLE_API_KEY", error);
    }

    [Fact]
    public void Unknown_provider_lists_the_known_ones()
    {
        Assert.Null(Resolve("nosuch/model", [], null, out var error));
        Assert.StartsWith("unknown provider 'nosuch'. Known: openai, openai-chat, anthropic, deepseek", error);
    }

    [Fact]
    public void Custom_providers_come_from_config()
    {
        var resolved = Resolve("corp/coder-7b", new() { ["CORP_TOKEN"] = "t" }, new()
        {
            ["corp"] = new ProviderOverride { Api = ProviderApi.OpenAICompatible, BaseUrl = "https://llm.corp.example/v1", ApiKeyVariable = "CORP_TOKEN" },
        }, out _);

        Assert.Equal(new Uri("https://llm.corp.example/v1"), resolved!.BaseUrl);
        Assert.Equal("t", resolved.ApiKey);
        Assert.Equal("corp/coder-7b", resolved.Spec);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5-20250929", 3)]
    [InlineData("anthropic/claude-sonnet-4.5", 3)]
    [InlineData("gpt-5-mini", 0.25)]
    public void Catalog_matches_snapshots_and_routed_names(string model, double inputPrice)
    {
        var info = Wright.Providers.Catalog.ModelCatalog.Find("any", model);
        Assert.Equal((decimal)inputPrice, info!.InputPrice);
    }

    [Fact]
    public void Every_catalog_model_is_offered_on_its_vendors_preset()
    {
        var specs = Wright.Providers.Catalog.ModelCatalog.Specs;
        Assert.Equal(specs.Count, specs.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("anthropic/claude-sonnet-4-5", specs);
        Assert.Contains("mistral/devstral-medium", specs);
        Assert.Contains("moonshot/kimi-k2", specs);
        foreach (var spec in specs)
        {
            Assert.True(ModelSpec.TryParse(spec, out var parsed, out var error), error);
            Assert.True(ProviderPresets.All.ContainsKey(parsed!.Provider), spec);
            // The spec finds its own catalog entry back (a new entry from an unknown vendor would be missing here).
            Assert.NotNull(Wright.Providers.Catalog.ModelCatalog.Find(parsed.Provider, parsed.Model));
        }

        Assert.Equal(Wright.Providers.Catalog.ModelCatalog.Models.Length, specs.Count);
    }

    [Theory]
    [InlineData("gpt-5", false)]
    [InlineData("/gpt-5", false)]
    [InlineData("openai/", false)]
    [InlineData("OpenRouter/a/b", true)]
    public void Model_specs_are_validated(string text, bool ok)
    {
        Assert.Equal(ok, ModelSpec.TryParse(text, out var spec, out var error));
        if (ok)
            Assert.Equal(new ModelSpec("openrouter", "a/b"), spec);
        else
            Assert.Contains("provider/model", error);
    }
}
