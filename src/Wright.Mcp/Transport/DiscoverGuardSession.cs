using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ModelContextProtocol.Protocol;

namespace Wright.Mcp.Transport;

/// <summary>The connected side of <see cref="DiscoverGuardTransport"/>: watches the answers to <c>server/discover</c>.</summary>
internal sealed class DiscoverGuardSession : ITransport
{
    internal const string DiscoverMethod = "server/discover";
    private const int MethodNotFound = -32601;
    private readonly ITransport _inner;
    private readonly Channel<JsonRpcMessage> _messages = Channel.CreateUnbounded<JsonRpcMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<RequestId, byte> _probes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public DiscoverGuardSession(ITransport inner)
    {
        _inner = inner;
        _pump = PumpAsync();
    }

    /// <inheritdoc />
    public string? SessionId => _inner.SessionId;

    /// <inheritdoc />
    public ChannelReader<JsonRpcMessage> MessageReader => _messages.Reader;

    /// <inheritdoc />
    public async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (message is not JsonRpcRequest { Method: DiscoverMethod } probe)
        {
            await _inner.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        _probes[probe.Id] = 0;
        try
        {
            await _inner.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            // An HTTP server that predates server/discover may refuse the probe with any status (405, 406, 500 …):
            // that means "use initialize", not "give up". Authorization failures stay failures.
            _probes.TryRemove(probe.Id, out _);
            await _messages.Writer.WriteAsync(NotFound(probe.Id, probe.Context, $"HTTP {(int)status}"), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _inner.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a message.
        }

        _stop.Dispose();
    }

    /// <summary>Whether a discover result is one the SDK can use: supported versions and capabilities present.</summary>
    internal static bool IsUsableDiscoverResult(JsonNode? result)
    {
        if (result is not JsonObject o || o["capabilities"] is not JsonObject)
            return false;
        if (o["supportedVersions"] is not JsonArray versions || versions.Count == 0
            || versions.Any(v => v is not JsonValue value || !value.TryGetValue<string>(out _)))
            return false;
        if (o["_meta"] is JsonObject meta && meta.TryGetPropertyValue("io.modelcontextprotocol/serverInfo", out var info)
            && (info is not JsonObject server || server["name"] is not JsonValue || server["version"] is not JsonValue))
            return false;
        return true;
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var message in _inner.MessageReader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var forward = message;
                if (message is JsonRpcResponse response && _probes.TryRemove(response.Id, out _) && !IsUsableDiscoverResult(response.Result))
                    forward = NotFound(response.Id, response.Context, "an answer of another shape");
                else if (message is JsonRpcError error)
                    _probes.TryRemove(error.Id, out _); // the SDK already falls back on a JSON-RPC error
                await _messages.Writer.WriteAsync(forward, _stop.Token).ConfigureAwait(false);
            }

            _messages.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _messages.Writer.TryComplete();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _messages.Writer.TryComplete(ex);
        }
    }

    private static JsonRpcError NotFound(RequestId id, JsonRpcMessageContext? context, string why) => new()
    {
        Id = id,
        Context = context,
        Error = new JsonRpcErrorDetail { Code = MethodNotFound, Message = $"{DiscoverMethod} not supported by this server ({why}); using initialize" },
    };
}
