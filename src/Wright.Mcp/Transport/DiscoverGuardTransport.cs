using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Wright.Mcp.Transport;

/// <summary>
/// Wraps a client transport so that every server can be reached, whatever protocol revision it speaks. The SDK first
/// probes with <c>server/discover</c> (the 2026-07-28 revision) and falls back to <c>initialize</c> only when the probe
/// is refused in the ways it expects; servers of 2025-03-26 … 2025-11-25 answer the unknown method in other ways too
/// (an empty result, a result of another shape, HTTP 405/500). This wrapper turns any such answer into "method not
/// found", so the SDK falls back to the <c>initialize</c> handshake instead of giving up on the server.
/// </summary>
internal sealed class DiscoverGuardTransport(IClientTransport inner) : IClientTransport
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new DiscoverGuardSession(await inner.ConnectAsync(cancellationToken).ConfigureAwait(false));
}
