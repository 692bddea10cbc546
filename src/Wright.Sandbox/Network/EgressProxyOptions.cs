using System.Net;

namespace Wright.Sandbox.Network;

/// <summary>How the egress proxy decides and where it resolves names.</summary>
public sealed class EgressProxyOptions
{
    /// <summary>The allowlisted domains.</summary>
    public required NetworkAllowlist Allowlist { get; init; }

    /// <summary>Name resolution (tests map names to local servers); default: the system resolver.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; init; } = (host, ct) => Dns.GetHostAddressesAsync(host, ct);

    /// <summary>Whether resolved loopback and private addresses may be connected to (cloud metadata never).</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>The ports that may be reached: 443 for CONNECT and 80 for plain HTTP unless tests add others.</summary>
    public IReadOnlySet<int> Ports { get; init; } = new HashSet<int> { 80, 443 };

    /// <summary>
    /// The session's decision on each allowlisted connection (the trifecta guard: it knows the session's labels, so
    /// every program's egress is judged, not only the commands recognised as network tools): null lets it through, a
    /// text refuses it with that reason. May wait for a person. Null: the allowlist alone decides.
    /// </summary>
    public Func<EgressRequest, CancellationToken, ValueTask<string?>>? Decide { get; init; }

    /// <summary>Receives every decision.</summary>
    public Action<ProxyDecision>? Log { get; init; }

    /// <summary>Clock for the decision log.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long connecting to an upstream may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
