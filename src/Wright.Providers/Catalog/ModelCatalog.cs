namespace Wright.Providers.Catalog;

/// <summary>
/// Built-in facts for the presets' main models (list prices in USD per million tokens as published by the vendors;
/// override or extend them in config under <c>providers.&lt;id&gt;.models</c>). Lookup is by model id, then by the
/// longest known prefix (so dated snapshots such as <c>claude-sonnet-4-5-20250929</c> match).
/// </summary>
public static class ModelCatalog
{
    internal static readonly ModelInfo[] Models =
    [
        // Anthropic
        new("claude-opus-4-1", 200_000, 32_000, 15m, 75m, 1.50m, 18.75m) { TakesImages = true },
        new("claude-opus-4", 200_000, 32_000, 15m, 75m, 1.50m, 18.75m) { TakesImages = true },
        new("claude-sonnet-4-5", 200_000, 64_000, 3m, 15m, 0.30m, 3.75m) { TakesImages = true },
        new("claude-sonnet-4", 200_000, 64_000, 3m, 15m, 0.30m, 3.75m) { TakesImages = true },
        new("claude-haiku-4-5", 200_000, 64_000, 1m, 5m, 0.10m, 1.25m) { TakesImages = true },
        new("claude-3-5-haiku", 200_000, 8_192, 0.80m, 4m, 0.08m, 1m) { TakesImages = true },
        // OpenAI
        new("gpt-5-mini", 400_000, 128_000, 0.25m, 2m, 0.025m) { TakesImages = true, Reasons = true },
        new("gpt-5-nano", 400_000, 128_000, 0.05m, 0.40m, 0.005m) { TakesImages = true, Reasons = true },
        new("gpt-5-chat", 128_000, 16_384, 1.25m, 10m, 0.125m) { TakesImages = true },
        new("gpt-5-codex", 400_000, 128_000, 1.25m, 10m, 0.125m) { TakesImages = true, Reasons = true },
        new("gpt-5", 400_000, 128_000, 1.25m, 10m, 0.125m) { TakesImages = true, Reasons = true },
        new("gpt-4.1-mini", 1_047_576, 32_768, 0.40m, 1.60m, 0.10m) { TakesImages = true },
        new("gpt-4.1", 1_047_576, 32_768, 2m, 8m, 0.50m) { TakesImages = true },
        new("o4-mini", 200_000, 100_000, 1.10m, 4.40m, 0.275m) { TakesImages = true, Reasons = true },
        // DeepSeek
        new("deepseek-chat", 128_000, 8_192, 0.28m, 0.42m, 0.028m) { TakesImages = false },
        new("deepseek-reasoner", 128_000, 64_000, 0.28m, 0.42m, 0.028m) { TakesImages = false },
        // Google
        new("gemini-2.5-pro", 1_048_576, 65_536, 1.25m, 10m, 0.31m) { TakesImages = true },
        new("gemini-2.5-flash", 1_048_576, 65_536, 0.30m, 2.50m, 0.075m) { TakesImages = true },
        // Alibaba Qwen (international list prices, lowest tier)
        new("qwen3-coder-plus", 1_000_000, 65_536, 1m, 5m) { TakesImages = false },
        new("qwen3-max", 262_144, 65_536, 1.20m, 6m) { TakesImages = false },
        new("qwen-plus", 131_072, 16_384, 0.40m, 1.20m) { TakesImages = false },
        // Moonshot Kimi
        new("kimi-k2", 262_144, 16_384, 0.60m, 2.50m, 0.15m) { TakesImages = false },
        // Zhipu GLM
        new("glm-4.6", 200_000, 128_000, 0.60m, 2.20m, 0.11m) { TakesImages = false },
        new("glm-4.5", 128_000, 96_000, 0.60m, 2.20m, 0.11m) { TakesImages = false },
        // MiniMax
        new("minimax-m2", 204_800, 131_072, 0.30m, 1.20m) { TakesImages = false },
        // xAI
        new("grok-code-fast-1", 256_000, 10_000, 0.20m, 1.50m, 0.02m) { TakesImages = false },
        new("grok-4", 256_000, 64_000, 3m, 15m, 0.75m) { TakesImages = true },
        // Mistral
        new("devstral-medium", 128_000, 32_768, 0.40m, 2m) { TakesImages = false },
        new("codestral", 256_000, 32_768, 0.30m, 0.90m) { TakesImages = false },
        new("mistral-large", 128_000, 32_768, 2m, 6m) { TakesImages = false },
    ];

    /// <summary>The catalog's models as <c>provider/model</c> specs on their vendor's own preset (for a model picker).</summary>
    public static IReadOnlyList<string> Specs { get; } = [.. Models.Select(m => VendorOf(m.Id) is { } vendor ? vendor + "/" + m.Id : null).OfType<string>()];

    /// <summary>
    /// Presets that serve a vendor's models through another protocol (<c>openai-chat</c>: Chat Completions) or from
    /// another region: each offers the models of the preset it names.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SameModels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["openai-chat"] = "openai",
        ["qwen-cn"] = "qwen",
        ["moonshot-cn"] = "moonshot",
        ["minimax-cn"] = "minimax",
        ["zai"] = "zhipu",
    };

    /// <summary>The catalog's models as specs on every preset that serves them (<see cref="Specs"/> plus <see cref="SameModels"/>).</summary>
    public static IReadOnlyList<string> AllSpecs { get; } =
        [.. Specs.SelectMany(spec => SameModels.Where(p => spec.StartsWith(p.Value + "/", StringComparison.Ordinal))
            .Select(p => p.Key + spec[spec.IndexOf('/', StringComparison.Ordinal)..]).Prepend(spec))];

    /// <summary>The preset of the vendor whose naming <paramref name="id"/> follows; null when none is known.</summary>
    private static string? VendorOf(string id) => id switch
    {
        _ when id.StartsWith("claude", StringComparison.Ordinal) => "anthropic",
        _ when id.StartsWith("gpt", StringComparison.Ordinal) || id.StartsWith("o4", StringComparison.Ordinal) => "openai",
        _ when id.StartsWith("deepseek", StringComparison.Ordinal) => "deepseek",
        _ when id.StartsWith("gemini", StringComparison.Ordinal) => "gemini",
        _ when id.StartsWith("qwen", StringComparison.Ordinal) => "qwen",
        _ when id.StartsWith("kimi", StringComparison.Ordinal) => "moonshot",
        _ when id.StartsWith("glm", StringComparison.Ordinal) => "zhipu",
        _ when id.StartsWith("minimax", StringComparison.Ordinal) => "minimax",
        _ when id.StartsWith("grok", StringComparison.Ordinal) => "xai",
        _ when id.StartsWith("mistral", StringComparison.Ordinal) || id.StartsWith("devstral", StringComparison.Ordinal)
            || id.StartsWith("codestral", StringComparison.Ordinal) => "mistral",
        _ => null,
    };

    /// <summary>Finds a model by id or longest prefix; local providers are free.</summary>
    public static ModelInfo? Find(string provider, string model)
    {
        if (provider is "ollama" or "lmstudio")
            return new ModelInfo(model, 32_768, 8_192, 0m, 0m, 0m, 0m); // whether it reads images is unknown

        // openrouter/anthropic/claude-sonnet-4.5 → look at the last segment too.
        var name = model.ToLowerInvariant();
        var last = name[(name.LastIndexOf('/') + 1)..].Replace('.', '-');
        foreach (var candidate in new[] { name, last })
        {
            var best = Models.Where(m => candidate.StartsWith(m.Id, StringComparison.Ordinal)).MaxBy(m => m.Id.Length);
            if (best is not null)
                return best with { Id = model };
        }

        return null;
    }
}
