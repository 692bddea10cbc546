namespace Wright.Permissions;

/// <summary>
/// The session's information-flow labels. Monotone: once untrusted content or a secret entered the session, it stays
/// so for the session's lifetime.
/// </summary>
public sealed class SessionTaint
{
    private readonly Lock _gate = new();
    private readonly List<string> _untrusted = [];
    private readonly List<string> _secrets = [];

    /// <summary>Where untrusted content came from, first first.</summary>
    public IReadOnlyList<string> UntrustedSources
    {
        get { lock (_gate) return [.. _untrusted]; }
    }

    /// <summary>Which secrets were read.</summary>
    public IReadOnlyList<string> SecretsRead
    {
        get { lock (_gate) return [.. _secrets]; }
    }

    /// <summary>Whether untrusted content is in the context.</summary>
    public bool IsUntrusted
    {
        get { lock (_gate) return _untrusted.Count > 0; }
    }

    /// <summary>Whether a secret is in the context.</summary>
    public bool HasSecrets
    {
        get { lock (_gate) return _secrets.Count > 0; }
    }

    /// <summary>Adds an untrusted source.</summary>
    public void AddUntrusted(string source)
    {
        lock (_gate)
        {
            if (!_untrusted.Contains(source))
                _untrusted.Add(source);
        }
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
}
