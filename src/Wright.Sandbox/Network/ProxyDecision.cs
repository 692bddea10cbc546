namespace Wright.Sandbox.Network;

/// <summary>One decision of the egress proxy: what was asked, whether it was let through, and why.</summary>
public sealed record ProxyDecision(DateTimeOffset Time, string Method, string Host, int Port, bool Allowed, string Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Time:O} {(Allowed ? "allow" : "deny")} {Method} {Host}:{Port} {Reason}";
}
