using Wright.Providers;

namespace Wright.Runtime.Configuration;

/// <summary>
/// The merged configuration (user file, then project file; environment and flags are applied by the caller).
/// Format: JSON, documented in README.md.
/// </summary>
public sealed class WrightConfig
{
    public string? Model { get; set; }
    public string? Effort { get; set; }
    public int? MaxTurns { get; set; }

    /// <summary>compaction.threshold_percent: compact when the context reaches this share of the window.</summary>
    public int? CompactThresholdPercent { get; set; }

    /// <summary>compaction.model: the model that writes compaction summaries (default: the session's).</summary>
    public string? CompactModel { get; set; }
    public string? PermissionMode { get; set; }
    public int? RequestTimeoutSeconds { get; set; }
    public int? StreamIdleTimeoutSeconds { get; set; }
    public int? MaxRetries { get; set; }
    public List<string> AllowedSecretEnv { get; } = [];

    /// <summary>Lets web_fetch reach loopback and private addresses (user config only).</summary>
    public bool WebFetchAllowPrivate { get; set; }
    /// <summary>sandbox.network.allow: domains sandboxed commands may reach through the egress proxy (user or trusted project config).</summary>
    public List<string> SandboxNetworkAllow { get; } = [];

    /// <summary>The sandbox's options; proxy decisions are logged to <c>$WRIGHT_HOME/logs/sandbox-network.log</c>.</summary>
    public Wright.Sandbox.SandboxOptions Sandbox(string wrightHome) =>
        new() { NetworkAllow = SandboxNetworkAllow, NetworkLogFile = Path.Combine(wrightHome, "logs", "sandbox-network.log") };

    public Dictionary<string, ProviderOverride> Providers { get; } = new(StringComparer.Ordinal);

    /// <summary>Permission rules from config files, with where each came from.</summary>
    public List<(Wright.Permissions.Rules.RuleEffect Effect, string Rule, string Source)> Rules { get; } = [];

    /// <summary>Hook commands (user config, and trusted project config).</summary>
    public List<Wright.Extensibility.Hooks.HookCommand> Hooks { get; } = [];

    /// <summary>Messages for the user (e.g. an untrusted project config was partly ignored).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>telemetry.otlp_endpoint: where spans, metrics and logs are exported over OTLP (user or trusted project config).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The user config file path.</summary>
    public string UserFile { get; set; } = "";
}
