using System.Net;
using Wright.Sandbox.Network;

namespace Wright.Sandbox;

/// <summary>What the sandbox lets out: the network allowlist (none by default), the seccomp layer, the resource limits, and whose home it hides.</summary>
public sealed class SandboxOptions
{
    /// <summary>Domains reachable through the egress proxy (<c>sandbox.network.allow</c>); empty means no network.</summary>
    public IReadOnlyList<string> NetworkAllow { get; init; } = [];

    /// <summary>A file that receives one line per proxy decision.</summary>
    public string? NetworkLogFile { get; init; }

    /// <summary>Receives every proxy decision (tests).</summary>
    public Action<ProxyDecision>? NetworkLog { get; init; }

    /// <summary>Name resolution for the proxy (tests map names to local servers); null: the system resolver.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? Resolve { get; init; }

    /// <summary>Whether the proxy may connect to loopback and private addresses (tests; cloud metadata never).</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>Ports the proxy may connect to; null: 80 and 443.</summary>
    public IReadOnlySet<int>? Ports { get; init; }

    /// <summary>The session's decision on each allowlisted connection (the trifecta guard); see <see cref="EgressProxyOptions.Decide"/>.</summary>
    public Func<EgressRequest, CancellationToken, ValueTask<string?>>? EgressDecision { get; init; }

    /// <summary>Whether bwrap installs the seccomp filter (on x86_64).</summary>
    public bool Seccomp { get; init; } = true;

    /// <summary>Resource limits per command.</summary>
    public SandboxLimits Limits { get; init; } = new();

    /// <summary>The home folders whose secrets are hidden wherever they are; null: $HOME and the account's home from the user database.</summary>
    public IReadOnlyList<string>? HomeDirectories { get; init; }

    /// <summary>The forwarder run inside the sandbox from loopback TCP to the proxy's unix socket.</summary>
    public string Socat { get; init; } = "/usr/bin/socat";
}
