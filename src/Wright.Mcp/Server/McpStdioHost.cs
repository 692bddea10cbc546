using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Wright.Mcp.Server.Text;

namespace Wright.Mcp.Server;

/// <summary>
/// An MCP server over stdio (newline-delimited JSON-RPC) on the SDK's <see cref="StreamServerTransport"/>, with every
/// input line checked first: the SDK drops a line that is not JSON, or not a JSON-RPC message, without a word (it
/// answers only when it can recover a request id), while JSON-RPC 2.0 wants <c>-32700 Parse error</c> or
/// <c>-32600 Invalid Request</c> with <c>id: null</c>. Lines that pass go on to the SDK unchanged.
/// </summary>
public static class McpStdioHost
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    /// <summary>Serves <paramref name="options"/> on <paramref name="input"/>/<paramref name="output"/> until input ends or cancellation.</summary>
    public static async Task RunAsync(McpServerOptions options, Stream input, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var checkedInput = new Pipe();
        await using var transport = new StreamServerTransport(checkedInput.Reader.AsStream(), output, "wright");
        await using var server = McpServer.Create(transport, options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(input, checkedInput.Writer, transport, stop.Token);
        try
        {
            await server.RunAsync(stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    /// <summary>Copies valid lines to the SDK; answers the others itself. Ends the SDK's input when stdin ends.</summary>
    private static async Task PumpAsync(Stream input, PipeWriter checkedInput, StreamServerTransport transport, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                if (Reject(line) is { } error)
                {
                    await transport.SendMessageAsync(error, cancellationToken);
                    continue;
                }

                await checkedInput.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopping, or stdin went away: either way the SDK's input ends below.
        }
        finally
        {
            await checkedInput.CompleteAsync();
        }
    }

    /// <summary>
    /// The error answer for a line that is not a JSON-RPC message (with the line's request id when it has one, else
    /// <c>id: null</c>), or null when the line is a message for the SDK.
    /// </summary>
    internal static JsonRpcError? Reject(string line)
    {
        JsonDocument document;
        try
        {
            // Depth as the SDK's own recovery allows: a deeply nested but valid message is the SDK's to judge.
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            return Failure(McpErrorCode.ParseError, ServerStrings.ParseError + " " + e.Message, default);
        }

        using (document)
        {
            var id = RecoverId(document.RootElement);
            try
            {
                return JsonSerializer.Deserialize(line, MessageType) is null ? Failure(McpErrorCode.InvalidRequest, ServerStrings.InvalidRequest, id) : null;
            }
            catch (JsonException)
            {
                // Valid JSON but not a message: an array (batches ended with 2025-06-18), a number, an object
                // without jsonrpc or method...
                return Failure(McpErrorCode.InvalidRequest, ServerStrings.InvalidRequest, id);
            }
        }
    }

    private static RequestId RecoverId(JsonElement root) =>
        root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) ? default
        : id.ValueKind == JsonValueKind.String ? new RequestId(id.GetString()!)
        : id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) ? new RequestId(number)
        : default;

    private static JsonRpcError Failure(McpErrorCode code, string message, RequestId id) =>
        new() { Id = id, Error = new JsonRpcErrorDetail { Code = (int)code, Message = message } };
}
