using Wright.Providers;

namespace Wright.Runtime.Configuration;

/// <summary>
/// The merged configuration (user file, then project file; environment and flags are applied by the caller).
/// Format: JSON, documented in README.md.
/// </summary>
public sealed class WrightConfig
{
    public string? Model { get; set; }

    /// <summary>fallback: models tried in order when a request fails for good or its context does not fit.</summary>
    public List<string> Fallback { get; } = [];

    /// <summary>models.small / subagent / architect / editor (see <see cref="ModelRoles"/>).</summary>
    public Dictionary<string, string> RoleModels { get; } = new(StringComparer.Ordinal);

    /// <summary>routes: explicit routing rules, tried in order before each request (see <see cref="RouteConfig"/>).</summary>
    public List<RouteConfig> Routes { get; } = [];
    public string? Effort { get; set; }

    /// <summary>Interface language from the user config ("en" or "zh-CN"); WRIGHT_LANG and a zh_* locale come first.</summary>
    public string? Language { get; set; }
    public int? MaxTurns { get; set; }

    /// <summary>compaction.threshold_percent: compact when the context reaches this share of the window.</summary>
    public int? CompactThresholdPercent { get; set; }

    /// <summary>compaction.model: the model that writes compaction summaries (default: the session's).</summary>
    public string? CompactModel { get; set; }
    public string? PermissionMode { get; set; }

    /// <summary>allow_home_workspace (user config only): work in the home directory or an ancestor without asking.</summary>
    public bool AllowHomeWorkspace { get; set; }

    /// <summary>
    /// <c>permission_mode</c> of an untrusted project config, with its file: it applies only when stricter than the
    /// user's mode (or the default).
    /// </summary>
    public (string Mode, string Source)? UntrustedPermissionMode { get; set; }
    public int? RequestTimeoutSeconds { get; set; }
    public int? StreamIdleTimeoutSeconds { get; set; }
    public int? MaxRetries { get; set; }
    public List<string> AllowedSecretEnv { get; } = [];

    /// <summary>Lets web_fetch reach loopback and private addresses (user config only).</summary>
    public bool WebFetchAllowPrivate { get; set; }
    /// <summary>sandbox.network.allow: domains sandboxed commands may reach through the egress proxy (user or trusted project config).</summary>
    public List<string> SandboxNetworkAllow { get; } = [];

    /// <summary>sandbox.limits.processes / memory_mb / cpu_seconds (null: the default; 0: no limit).</summary>
    public int? SandboxProcesses { get; set; }

    /// <inheritdoc cref="SandboxProcesses"/>
    public int? SandboxMemoryMb { get; set; }

    /// <inheritdoc cref="SandboxProcesses"/>
    public int? SandboxCpuSeconds { get; set; }

    /// <summary>shell.max_saved_output_mb: MB of a command's output kept on disk (null: the default).</summary>
    public int? MaxSavedOutputMb { get; set; }

    /// <summary>The sandbox's options; proxy decisions are logged to <c>$WRIGHT_HOME/logs/sandbox-network.log</c>.</summary>
    public Wright.Sandbox.SandboxOptions Sandbox(string wrightHome,
        Func<Wright.Sandbox.Network.EgressRequest, CancellationToken, ValueTask<string?>>? egressDecision = null)
    {
        var defaults = new Wright.Sandbox.SandboxLimits();
        return new()
        {
            NetworkAllow = SandboxNetworkAllow,
            NetworkLogFile = Path.Combine(wrightHome, "logs", "sandbox-network.log"),
            EgressDecision = egressDecision,
            Limits = new Wright.Sandbox.SandboxLimits
            {
                Processes = SandboxProcesses ?? defaults.Processes,
                MemoryMb = SandboxMemoryMb ?? defaults.MemoryMb,
                CpuSeconds = SandboxCpuSeconds ?? defaults.CpuSeconds,
            },
        };
    }

    public Dictionary<string, ProviderOverride> Providers { get; } = new(StringComparer.Ordinal);

    /// <summary>Permission rules from config files, with where each came from.</summary>
    public List<(Wright.Permissions.Rules.RuleEffect Effect, string Rule, string Source)> Rules { get; } = [];

    /// <summary>Hook commands (user config, and trusted project config).</summary>
    public List<Wright.Extensibility.Hooks.HookCommand> Hooks { get; } = [];

    /// <summary>The <c>dependencies</c> section: the slopsquatting guard's thresholds, allowlist, private packages, registries.</summary>
    public Wright.Permissions.Dependencies.DependencyPolicy Dependencies { get; } = new();

    /// <summary>Messages for the user (e.g. an untrusted project config was partly ignored).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary><c>fleet</c>: the fleet node's settings, from the user's config only (see <see cref="FleetConfig"/>).</summary>
    public FleetConfig Fleet { get; } = new();

    /// <summary>telemetry.otlp_endpoint: where spans, metrics and logs are exported over OTLP (user or trusted project config).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The user config file path.</summary>
    public string UserFile { get; set; } = "";
}
