namespace Wright.Tools.Web;

/// <summary>Limits of <c>web_fetch</c>.</summary>
public sealed class WebFetchOptions
{
    /// <summary>Allow loopback and private (RFC 1918, ULA, link-local) addresses. Cloud metadata stays refused.</summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>Whole-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many bytes are downloaded.</summary>
    public int MaxDownloadBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>At most this many characters reach the model.</summary>
    public int MaxOutputChars { get; init; } = 60_000;

    /// <summary>At most this many redirects are followed.</summary>
    public int MaxRedirects { get; init; } = 5;
}
