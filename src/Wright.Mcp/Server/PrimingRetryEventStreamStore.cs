using System.Net.ServerSentEvents;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Wright.Mcp.Server;

#pragma warning disable MCP9006 // Resumable streams are "legacy stateful HTTP" since 2026-07-28; clients of 2025-11-25 use them.

/// <summary>
/// An event store that adds a <c>retry</c> field to each stream's priming event (the event with an id and no data
/// that opens every SSE stream), as the 2025-11-25 spec recommends, so a client knows how soon to reconnect. Storage
/// and replay are the inner store's.
/// </summary>
internal sealed class PrimingRetryEventStreamStore(ISseEventStreamStore inner, TimeSpan retry) : ISseEventStreamStore
{
    public async ValueTask<ISseEventStreamWriter> CreateStreamAsync(SseEventStreamOptions options, CancellationToken cancellationToken = default) =>
        new Writer(await inner.CreateStreamAsync(options, cancellationToken), retry);

    public ValueTask<ISseEventStreamReader?> GetStreamReaderAsync(string lastEventId, CancellationToken cancellationToken = default) =>
        inner.GetStreamReaderAsync(lastEventId, cancellationToken);

    private sealed class Writer(ISseEventStreamWriter inner, TimeSpan retry) : ISseEventStreamWriter
    {
        public ValueTask SetModeAsync(SseEventStreamMode mode, CancellationToken cancellationToken = default) => inner.SetModeAsync(mode, cancellationToken);

        public ValueTask<SseItem<JsonRpcMessage?>> WriteEventAsync(SseItem<JsonRpcMessage?> sseItem, CancellationToken cancellationToken = default) =>
            inner.WriteEventAsync(sseItem.Data is null && sseItem.ReconnectionInterval is null ? sseItem with { ReconnectionInterval = retry } : sseItem, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
