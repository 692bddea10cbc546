namespace Wright.Permissions;

/// <summary>
/// The session's information-flow labels. Monotone: once untrusted content or a secret entered the session, it stays
/// so for the session's lifetime.
/// <para>Two kinds of untrusted content: content from outside the workspace (web pages, MCP results, files outside the
/// workspace, dependency trees such as <c>node_modules</c>) — <see cref="IsUntrusted"/> — and the files of a workspace
/// that is not a trusted project (<see cref="HasUntrustedWorkspace"/>: a cloned repository is third-party, and its
/// instruction files are already in the system prompt). Both count for persistent sinks and, with a secret, block
/// egress; only the first makes every data-bearing request ask (see docs/safety.md).</para>
/// </summary>
public sealed class SessionTaint
{
    private readonly Lock _gate = new();
    private readonly List<string> _untrusted = [];
    private readonly List<string> _secrets = [];
    private string? _workspace;

    /// <summary>Where untrusted content from outside the workspace came from, first first.</summary>
    public IReadOnlyList<string> UntrustedSources
    {
        get { lock (_gate) return [.. _untrusted]; }
    }

    /// <summary>Which secrets were read.</summary>
    public IReadOnlyList<string> SecretsRead
    {
        get { lock (_gate) return [.. _secrets]; }
    }

    /// <summary>Whether untrusted content from outside the workspace is in the context.</summary>
    public bool IsUntrusted
    {
        get { lock (_gate) return _untrusted.Count > 0; }
    }

    /// <summary>Why the workspace's own files count as untrusted content (it is not a trusted project), or null.</summary>
    public string? UntrustedWorkspace
    {
        get { lock (_gate) return _workspace; }
    }

    /// <summary>Whether the workspace's files count as untrusted content.</summary>
    public bool HasUntrustedWorkspace => UntrustedWorkspace is not null;

    /// <summary>Whether any untrusted content (from outside, or an untrusted workspace) is in the context.</summary>
    public bool HoldsUntrustedContent => IsUntrusted || HasUntrustedWorkspace;

    /// <summary>Whether a secret is in the context.</summary>
    public bool HasSecrets
    {
        get { lock (_gate) return _secrets.Count > 0; }
    }

    /// <summary>The first source of untrusted content, outside sources first; null when there is none.</summary>
    public string? FirstUntrustedSource
    {
        get
        {
            lock (_gate)
                return _untrusted.Count > 0 ? _untrusted[0] : _workspace;
        }
    }

    /// <summary>Adds an untrusted source from outside the workspace.</summary>
    public void AddUntrusted(string source)
    {
        lock (_gate)
        {
            if (!_untrusted.Contains(source))
                _untrusted.Add(source);
        }
    }

    /// <summary>Marks the workspace's files as untrusted content (the first reason stays).</summary>
    public void MarkWorkspaceUntrusted(string why)
    {
        lock (_gate)
            _workspace ??= why;
    }

    /// <summary>Adds a secret read.</summary>
    public void AddSecret(string what)
    {
        lock (_gate)
        {
            if (!_secrets.Contains(what))
                _secrets.Add(what);
        }
    }

    /// <summary>Adds every label of <paramref name="other"/> (a mode switch carries the taint over; it never decreases).</summary>
    public void MergeFrom(SessionTaint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var source in other.UntrustedSources)
            AddUntrusted(source);
        foreach (var secret in other.SecretsRead)
            AddSecret(secret);
        if (other.UntrustedWorkspace is { } workspace)
            MarkWorkspaceUntrusted(workspace);
    }
}
