using Wright.Permissions.Shell;

namespace Wright.Permissions;

/// <summary>A tool call as the permission layer sees it.</summary>
public sealed record ActionProfile(string Tool, ActionKind Kind, string Display)
{
    /// <summary>Absolute paths the call reads or writes.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The shell command's assessment, for shell calls.</summary>
    public CommandAssessment? Command { get; init; }

    /// <summary>The host a network call goes to.</summary>
    public string? Host { get; init; }

    /// <summary>
    /// Why this call can carry data out of the session (an egress sink), or null. A request whose URL cannot carry data
    /// (see <see cref="Trifecta.UrlCapacity"/>) is egress without a sink.
    /// </summary>
    public string? Sink { get; init; }

    /// <summary>Whether the call reaches the network (a shell command known to, or any <c>web_fetch</c>).</summary>
    public bool IsEgress { get; init; }

    /// <summary>
    /// Why the call is a persistent sink, or null: harmless on its own, but what it writes outlives the session (a memory
    /// that later system prompts carry, an instruction file such as AGENTS.md), so untrusted content must not reach it
    /// unapproved.
    /// </summary>
    public string? PersistentSink { get; init; }

    /// <summary>
    /// Whether the persistent sink reaches beyond this workspace (a memory for every project, an instruction file of
    /// another folder): then even the workspace's own untrusted files may not reach it unapproved.
    /// </summary>
    public bool PersistsBeyondWorkspace { get; init; }

    /// <summary>Why the call writes a protected location (git metadata, hooks, CI, agent or editor settings), or null.</summary>
    public string? Protected { get; init; }

    /// <summary>What secret the call reads, or null.</summary>
    public string? SecretRead { get; init; }

    /// <summary>The installed or vendored third-party file (e.g. under node_modules) the call reads, or null.</summary>
    public string? ThirdPartyRead { get; init; }

    /// <summary>Whether any path lies outside the workspace.</summary>
    public bool OutsideWorkspace { get; init; }

    /// <summary>The rule a person may choose to remember for this call.</summary>
    public string? SuggestedRule { get; init; }
}
