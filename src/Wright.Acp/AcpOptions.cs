namespace Wright.Acp;

/// <summary>What <c>wright acp</c> was started with: defaults for every session the client opens.</summary>
public sealed record AcpOptions
{
    /// <summary>The model (<c>provider/model</c>); null: <c>WRIGHT_MODEL</c> or the configuration.</summary>
    public string? Model { get; init; }

    /// <summary>The permission mode new sessions start in; null: <c>WRIGHT_PERMISSION_MODE</c>, the configuration, else ask.</summary>
    public string? PermissionMode { get; init; }

    /// <summary>Reasoning effort (low, medium, high).</summary>
    public string? Effort { get; init; }

    /// <summary>At most this many model requests per prompt.</summary>
    public int? MaxTurns { get; init; }

    /// <summary>Allow a workspace that is the home directory (or above it).</summary>
    public bool AllowHomeWorkspace { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Wright's version, for <c>agentInfo</c>.</summary>
    public string Version { get; init; } = "0.0.0";
}
