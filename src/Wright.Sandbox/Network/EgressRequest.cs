namespace Wright.Sandbox.Network;

/// <summary>
/// One connection a sandboxed program asked the egress proxy for, after the allowlist let it through:
/// <see cref="Target"/> is <c>host:port</c> for <c>CONNECT</c> (TLS hides the rest) and the absolute URL for plain HTTP.
/// </summary>
public sealed record EgressRequest(string Method, string Host, int Port, string Target);
