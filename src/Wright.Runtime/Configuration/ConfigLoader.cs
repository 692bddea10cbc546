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

    /// <summary>
    /// The user's config, then the project's; <paramref name="trustRoot"/>: the repository whose trust applies to the
    /// workspace's files (see <see cref="ProjectTrust.TrustedPath"/>), null for the workspace's own.
    /// </summary>
    public static WrightConfig Load(string wrightHome, string workspace, string? trustRoot = null)
    {
        var config = new WrightConfig { UserFile = Path.Combine(wrightHome, FileName) };
        config.Dependencies.UserConfig = config.UserFile;
        if (File.Exists(config.UserFile))
            Apply(config, config.UserFile, ReadUserFile(config.UserFile), trusted: true);
        if (FindProjectConfig(workspace) is { } project && !SamePath(project, config.UserFile))
        {
            // One safe read for the trust check and the parse (see ProjectFiles): a FIFO, a link leading out of the
            // project or a file swapped between the hash and the parse cannot stall or redirect the start.
            if (ProjectFiles.Read(project) is { } bytes)
                Apply(config, project, bytes, ProjectTrust.IsTrusted(wrightHome, project, workspace, trustRoot, bytes));
            else
                config.Warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.ProjectFileUnreadable, project));
        }

        return config;
    }

    /// <summary>Only <c>$WRIGHT_HOME/config.json</c>: what a server decides before any workspace (or its config) is in view.</summary>
    public static WrightConfig LoadUser(string wrightHome)
    {
        var config = new WrightConfig { UserFile = Path.Combine(wrightHome, FileName) };
        if (File.Exists(config.UserFile))
            Apply(config, config.UserFile, ReadUserFile(config.UserFile), trusted: true);
        return config;
    }

    /// <summary>
    /// <c>language</c> from <c>$WRIGHT_HOME/config.json</c>, read on its own before anything else (the interface language
    /// is needed for the help text); null when absent or unreadable (the full load reports the error).
    /// </summary>
    public static string? ReadLanguage(string wrightHome)
    {
        try
        {
            var path = Path.Combine(wrightHome, FileName);
            if (!File.Exists(path))
                return null;
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("language", out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
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

    /// <summary>The sha256 of a project file as <see cref="ProjectFiles"/> reads it; null when it cannot be read that way.</summary>
    public static string? Hash(string path) => ProjectFiles.Read(path) is { } bytes ? Hash(bytes) : null;

    /// <summary>The sha256 of some bytes, as trust records it.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] ReadUserFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigUnreadable, path, ex.Message));
        }
    }

    private static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static void Apply(WrightConfig config, string path, byte[] bytes, bool trusted)
    {
        JsonDocument doc;
        try
        {
            // Positions for syntax errors and wrong types; unknown keys become warnings with the nearest known key.
            config.Warnings.AddRange(ConfigSchema.Check(path, bytes));
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigUnreadable, path, ex.Message));
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigUnreadable, path, "the top level must be an object"));
            // The model names the provider, hence where the conversation goes: an untrusted project could send it to
            // another configured provider, or to a local preset's port (ollama, lmstudio) any local user can listen on.
            config.Model = Chosen(config, root, "model", "model", path, trusted) ?? config.Model;
            config.Effort = String(root, "effort") ?? config.Effort;
            if (trusted)
                config.Language = String(root, "language") ?? config.Language;
            config.MaxTurns = Lowered(config.MaxTurns, Int(root, "max_turns", path), "max_turns", path, trusted, config, unset: int.MaxValue);
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
            else
                config.Warnings.AddRange(new[] { "fallback", "models", "routes" }.Where(k => root.TryGetProperty(k, out _)).Select(k => Loosens(path, k)));

            if (root.TryGetProperty("compaction", out var compaction) && compaction.ValueKind == JsonValueKind.Object)
            {
                config.CompactThresholdPercent = Int(compaction, "threshold_percent", path) ?? config.CompactThresholdPercent;
                config.CompactModel = Chosen(config, compaction, "model", "compaction.model", path, trusted) ?? config.CompactModel;
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
            // The fleet's database and secret are this machine's credentials: the user's own file only, never a repository's.
            if (root.TryGetProperty("fleet", out var fleet) && fleet.ValueKind == JsonValueKind.Object)
            {
                if (path == config.UserFile)
                    ApplyFleet(config.Fleet, fleet, path);
                else
                    config.Warnings.Add(string.Format(CultureInfo.InvariantCulture, Strings.ProjectFleetIgnored, path));
            }

            if (root.TryGetProperty("retry", out var retry) && retry.ValueKind == JsonValueKind.Object)
                config.MaxRetries = Lowered(config.MaxRetries, Int(retry, "max_retries", path), "retry.max_retries", path, trusted, config, unset: 4);
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

            if (root.TryGetProperty("dependencies", out var dependencies))
            {
                try
                {
                    config.Dependencies.Apply(dependencies, path, trusted, config.Warnings,
                        Wright.Permissions.Dependencies.Text.DependencyText.Current);
                }
                catch (FormatException ex)
                {
                    throw new ConfigException(ex.Message);
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

    /// <summary>A model choice: the user's, or a trusted project's; an untrusted project's is ignored with a warning.</summary>
    private static string? Chosen(WrightConfig config, JsonElement e, string name, string key, string path, bool trusted)
    {
        if (String(e, name) is not { } value)
            return null;
        if (trusted)
            return value;
        config.Warnings.Add(Loosens(path, key));
        return null;
    }

    /// <summary>A count an untrusted project may only lower (below the current value, or <paramref name="unset"/> when none is set).</summary>
    private static int? Lowered(int? current, int? value, string key, string path, bool trusted, WrightConfig config, int unset)
    {
        if (value is null)
            return current;
        if (trusted || value <= (current ?? unset))
            return value;
        config.Warnings.Add(Loosens(path, key));
        return current;
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
                    Dec(v, "input_price"), Dec(v, "output_price"), Dec(v, "cache_read_price"), Dec(v, "cache_write_price"))
                {
                    TakesImages = v.TryGetProperty("images", out var images) && images.ValueKind is JsonValueKind.True or JsonValueKind.False ? images.GetBoolean() : null,
                };
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

    private static void ApplyFleet(FleetConfig fleet, JsonElement e, string path)
    {
        fleet.Cluster = String(e, "cluster") ?? fleet.Cluster;
        fleet.ClusterSecret = String(e, "cluster_secret") ?? fleet.ClusterSecret;
        fleet.ClusterId = String(e, "cluster_id") ?? fleet.ClusterId;
        fleet.Name = String(e, "name") ?? fleet.Name;
        fleet.SiloPort = Int(e, "silo_port", path) ?? fleet.SiloPort;
        fleet.MaxParallel = Int(e, "max_parallel", path) ?? fleet.MaxParallel;
        fleet.ProbeTimeoutSeconds = Int(e, "probe_timeout_seconds", path) ?? fleet.ProbeTimeoutSeconds;
        fleet.MissedProbes = Int(e, "missed_probes", path) ?? fleet.MissedProbes;
        fleet.DrainTimeoutSeconds = Int(e, "drain_timeout_seconds", path) ?? fleet.DrainTimeoutSeconds;
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
