using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Wright.Runtime.Text;
using Wright.Providers;
using Wright.Providers.Catalog;
using Wright.Permissions.Rules;
using Wright.Extensibility.Hooks;

namespace Wright.Runtime.Configuration;

/// <summary>
/// Loads <c>$WRIGHT_HOME/config.json</c> and the project's <c>.wright/config.json</c>. A project config may not
/// change where requests go or which key is used unless the user trusted its exact content (sha256), so a cloned
/// repository cannot redirect an API key.
/// </summary>
public static partial class ConfigLoader
{
    public const string FileName = "config.json";

    public static WrightConfig Load(string wrightHome, string workspace)
    {
        var config = new WrightConfig { UserFile = Path.Combine(wrightHome, FileName) };
        Apply(config, config.UserFile, trusted: true);
        if (FindProjectConfig(workspace) is { } project && !SamePath(project, config.UserFile))
            Apply(config, project, ProjectTrust.IsTrusted(wrightHome, project));
        return config;
    }

    /// <summary>Only <c>$WRIGHT_HOME/config.json</c>: what a server decides before any workspace (or its config) is in view.</summary>
    public static WrightConfig LoadUser(string wrightHome)
    {
        var config = new WrightConfig { UserFile = Path.Combine(wrightHome, FileName) };
        Apply(config, config.UserFile, trusted: true);
        return config;
    }

    /// <summary>
    /// The nearest <c>.wright/config.json</c> from the workspace up to its repository root; outside a repository only
    /// the workspace's own. (Never further: a planted <c>/tmp/.wright/config.json</c> must not configure every
    /// workspace below <c>/tmp</c>.)
    /// </summary>
    public static string? FindProjectConfig(string workspace) =>
        ProjectDirectories(workspace).Select(dir => Path.Combine(dir, ".wright", FileName)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Where project settings are looked for, nearest first: the workspace and, when it is inside a git repository
    /// (a directory with a <c>.git</c> entry), each directory up to that repository's root; else the workspace alone.
    /// </summary>
    public static IEnumerable<string> ProjectDirectories(string workspace)
    {
        var start = new DirectoryInfo(Path.GetFullPath(workspace));
        DirectoryInfo? root = null;
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                root = dir;
                break;
            }
        }

        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
            if (root is null || dir.FullName == root.FullName)
                yield break;
        }
    }

    public static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static void Apply(WrightConfig config, string path, bool trusted)
    {
        if (!File.Exists(path))
            return;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigUnreadable, path, ex.Message));
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigUnreadable, path, "the top level must be an object"));
            config.Model = String(root, "model") ?? config.Model;
            config.Effort = String(root, "effort") ?? config.Effort;
            config.MaxTurns = Int(root, "max_turns", path) ?? config.MaxTurns;
            if (root.TryGetProperty("allow_home_workspace", out var allowHome) && allowHome.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                if (path == config.UserFile)
                    config.AllowHomeWorkspace = allowHome.GetBoolean();
                else if (allowHome.GetBoolean())
                    config.Warnings.Add(Loosens(path, "allow_home_workspace"));
            }

            if (String(root, "permission_mode") is { } mode)
            {
                // An untrusted project may ask for a stricter mode only; the host compares it with the user's (or the default).
                if (trusted)
                    config.PermissionMode = mode;
                else
                    config.UntrustedPermissionMode = (mode, path);
            }

            // Models by role and the fallback list choose where requests (and money) go: user or trusted project config only.
            if (trusted)
                ApplyModelRoles(config, root, path);

            if (root.TryGetProperty("compaction", out var compaction) && compaction.ValueKind == JsonValueKind.Object)
            {
                config.CompactThresholdPercent = Int(compaction, "threshold_percent", path) ?? config.CompactThresholdPercent;
                config.CompactModel = String(compaction, "model") ?? config.CompactModel;
            }
            if (root.TryGetProperty("timeouts", out var timeouts) && timeouts.ValueKind == JsonValueKind.Object)
            {
                config.RequestTimeoutSeconds = Int(timeouts, "request_seconds", path) ?? config.RequestTimeoutSeconds;
                config.StreamIdleTimeoutSeconds = Int(timeouts, "stream_idle_seconds", path) ?? config.StreamIdleTimeoutSeconds;
            }

            if (root.TryGetProperty("web_fetch", out var webFetch) && webFetch.ValueKind == JsonValueKind.Object
                && webFetch.TryGetProperty("allow_private_networks", out var allowPrivate) && allowPrivate.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                if (trusted || !allowPrivate.GetBoolean())
                    config.WebFetchAllowPrivate = allowPrivate.GetBoolean();
                else
                    config.Warnings.Add(Loosens(path, "web_fetch.allow_private_networks"));
            }

            // Telemetry is a network destination: a cloned repository must not choose where it goes.
            if (trusted && root.TryGetProperty("telemetry", out var telemetry) && telemetry.ValueKind == JsonValueKind.Object)
                config.OtlpEndpoint = String(telemetry, "otlp_endpoint") ?? config.OtlpEndpoint;
            if (root.TryGetProperty("retry", out var retry) && retry.ValueKind == JsonValueKind.Object)
                config.MaxRetries = Int(retry, "max_retries", path) ?? config.MaxRetries;
            if (root.TryGetProperty("shell", out var shell) && shell.ValueKind == JsonValueKind.Object
                && shell.TryGetProperty("allowed_secret_env", out var allowed) && allowed.ValueKind == JsonValueKind.Array)
            {
                if (trusted)
                    config.AllowedSecretEnv.AddRange(allowed.EnumerateArray().Select(e => e.GetString()).OfType<string>());
                else if (allowed.GetArrayLength() > 0)
                    config.Warnings.Add(Loosens(path, "shell.allowed_secret_env"));
            }

            if (root.TryGetProperty("shell", out var shellLimits) && shellLimits.ValueKind == JsonValueKind.Object)
                config.MaxSavedOutputMb = Limit(config.MaxSavedOutputMb, shellLimits, "max_saved_output_mb", "shell.max_saved_output_mb", path, trusted, config);
            if (root.TryGetProperty("sandbox", out var limitsOwner) && limitsOwner.ValueKind == JsonValueKind.Object
                && limitsOwner.TryGetProperty("limits", out var limits) && limits.ValueKind == JsonValueKind.Object)
            {
                config.SandboxProcesses = Limit(config.SandboxProcesses, limits, "processes", "sandbox.limits.processes", path, trusted, config);
                config.SandboxMemoryMb = Limit(config.SandboxMemoryMb, limits, "memory_mb", "sandbox.limits.memory_mb", path, trusted, config);
                config.SandboxCpuSeconds = Limit(config.SandboxCpuSeconds, limits, "cpu_seconds", "sandbox.limits.cpu_seconds", path, trusted, config);
            }

            if (root.TryGetProperty("sandbox", out var sandbox) && sandbox.ValueKind == JsonValueKind.Object
                && sandbox.TryGetProperty("network", out var network) && network.ValueKind == JsonValueKind.Object
                && network.TryGetProperty("allow", out var domains) && domains.ValueKind == JsonValueKind.Array)
            {
                // A cloned repository must not open the sandbox's network: only the user's or a trusted project's list
                // counts. An untrusted list can only narrow the user's: what is on both stays.
                if (!trusted)
                {
                    var narrower = domains.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
                    if (narrower.Any(d => !config.SandboxNetworkAllow.Contains(d, StringComparer.OrdinalIgnoreCase)))
                        config.Warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.UntrustedProjectSandboxNetwork, path));
                    config.SandboxNetworkAllow.RemoveAll(d => !narrower.Contains(d));
                }
                else
                {
                    var list = domains.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList();
                    try
                    {
                        _ = new Wright.Sandbox.Network.NetworkAllowlist(list);
                    }
                    catch (FormatException ex)
                    {
                        throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.BadSandboxNetwork, path, ex.Message));
                    }

                    config.SandboxNetworkAllow.AddRange(list);
                }
            }

            if (root.TryGetProperty("permissions", out var permissions) && permissions.ValueKind == JsonValueKind.Object)
            {
                foreach (var (name, effect) in new[] { ("deny", RuleEffect.Deny), ("ask", RuleEffect.Ask), ("allow", RuleEffect.Allow) })
                {
                    if (!permissions.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
                        continue;
                    if (effect == RuleEffect.Allow && !trusted)
                    {
                        // A cloned repository must not widen what the agent may do; deny and ask only narrow it.
                        config.Warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.UntrustedProjectAllow, path));
                        continue;
                    }

                    foreach (var rule in list.EnumerateArray().Select(e => e.GetString()).OfType<string>())
                        config.Rules.Add((effect, rule, path));
                }
            }

            if (root.TryGetProperty("hooks", out var hooks))
            {
                if (!trusted)
                {
                    // Project hooks never run before the user trusted that exact config.
                    config.Warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.UntrustedProjectHooks, path));
                }
                else
                {
                    try
                    {
                        config.Hooks.AddRange(HookConfig.Parse(hooks, path));
                    }
                    catch (FormatException ex)
                    {
                        throw new ConfigException(ex.Message);
                    }
                }
            }

            if (root.TryGetProperty("providers", out var providers) && providers.ValueKind == JsonValueKind.Object)
            {
                if (!trusted)
                {
                    config.Warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.UntrustedProjectConfig, path));
                    return;
                }

                foreach (var provider in providers.EnumerateObject())
                    config.Providers[provider.Name.ToLowerInvariant()] = ParseProvider(provider.Value, path, provider.Name);
            }
        }
    }

    private static string Loosens(string path, string key) =>
        string.Format(CultureInfo.InvariantCulture, Strings.UntrustedProjectLoosens, key, path);

    private static ProviderOverride ParseProvider(JsonElement e, string path, string name)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new ConfigException($"{path}: providers.{name} must be an object");
        ProviderApi? api = String(e, "api") switch
        {
            null => null,
            "openai-compatible" => ProviderApi.OpenAICompatible,
            "openai-chat" => ProviderApi.OpenAIChat,
            "openai-responses" or "openai" => ProviderApi.OpenAIResponses,
            "anthropic" => ProviderApi.Anthropic,
            var other => throw new ConfigException($"{path}: providers.{name}.api '{other}' is not one of openai-compatible, openai-chat, openai-responses, anthropic"),
        };
        Dictionary<string, string>? headers = null;
        if (e.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            headers = h.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
        Dictionary<string, ModelInfo>? models = null;
        if (e.TryGetProperty("models", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            models = new(StringComparer.Ordinal);
            foreach (var model in m.EnumerateObject())
            {
                var v = model.Value;
                models[model.Name] = new ModelInfo(model.Name,
                    Int(v, "context_window", path) ?? 128_000, Int(v, "max_output_tokens", path) ?? 8_192,
                    Dec(v, "input_price"), Dec(v, "output_price"), Dec(v, "cache_read_price"), Dec(v, "cache_write_price"));
            }
        }

        return new ProviderOverride
        {
            Api = api,
            BaseUrl = String(e, "base_url"),
            ApiKeyVariable = String(e, "api_key_env"),
            Headers = headers,
            SendsReasoningEffort = e.TryGetProperty("reasoning_effort", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetBoolean() : null,
            Models = models,
        };
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>
    /// A resource limit (0: none). An untrusted project config may only lower it: a value above the current one (or
    /// 0 while one is set) is ignored with a warning. <paramref name="current"/> null: the built-in default applies.
    /// </summary>
    private static int? Limit(int? current, JsonElement e, string name, string key, string path, bool trusted, WrightConfig config)
    {
        if (Int(e, name, path) is not { } value)
            return current;
        if (value < 0)
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.NegativeLimit, path, key));
        if (trusted)
            return value;
        var effective = current ?? DefaultLimit(key);
        if (value > 0 && (effective == 0 || value <= effective))
            return value;
        config.Warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.UntrustedProjectLimits, path, key));
        return current;
    }

    private static int DefaultLimit(string key) => key switch
    {
        "sandbox.limits.processes" => new Wright.Sandbox.SandboxLimits().Processes,
        "sandbox.limits.memory_mb" => (int)new Wright.Sandbox.SandboxLimits().MemoryMb,
        "sandbox.limits.cpu_seconds" => new Wright.Sandbox.SandboxLimits().CpuSeconds,
        _ => (int)(new Wright.Tools.ToolOptions().MaxSavedOutputBytes / (1024 * 1024)),
    };

    private static int? Int(JsonElement e, string name, string path)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i))
            return i;
        throw new ConfigException($"{path}: \"{name}\" must be a whole number");
    }

    private static decimal? Dec(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;
}
