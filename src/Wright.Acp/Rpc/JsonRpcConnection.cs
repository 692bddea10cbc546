using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Acp.Text;

namespace Wright.Acp.Rpc;

/// <summary>
/// JSON-RPC 2.0 over newline-delimited JSON, both ways: reads the peer's requests, notifications and responses from
/// <c>input</c>, writes answers, notifications and its own requests to <c>output</c> (one message per line, nothing
/// else). Every malformed line, bad envelope or failing handler gets a JSON-RPC error; nothing ends the loop but the
/// end of the input or cancellation.
/// </summary>
internal sealed class JsonRpcConnection(Stream input, Stream output, TextWriter log)
{
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonNode?>> _outgoing = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private long _nextId;

    /// <summary>Answers a request: the result, or throws <see cref="JsonRpcException"/>.</summary>
    public Func<string, JsonNode?, CancellationToken, Task<RpcAnswer>> OnRequest { get; set; } = (_, _, _) => Task.FromResult(new RpcAnswer(null));

    /// <summary>Handles a notification (no answer).</summary>
    public Action<string, JsonNode?> OnNotification { get; set; } = (_, _) => { };

    /// <summary>Reads and dispatches until the input ends; requests run concurrently (a prompt is long, a cancel is not).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false));
        while (!cancellationToken.IsCancellationRequested)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (line is null)
                break;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                await HandleLineAsync(line, cancellationToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                await log.WriteLineAsync("acp: " + ex.Message);
            }
        }

        foreach (var pending in _outgoing.Values)
            pending.TrySetCanceled(CancellationToken.None);
        await Task.WhenAll(_running.Keys);
    }

    private async Task HandleLineAsync(string line, CancellationToken cancellationToken)
    {
        JsonNode? message;
        try
        {
            message = JsonNode.Parse(line);
        }
        catch (JsonException ex)
        {
            await SendErrorAsync(null, JsonRpcException.ParseError, Params.Format(Strings.ParseError, ex.Message));
            return;
        }

        if (message is not JsonObject m)
        {
            await SendErrorAsync(null, JsonRpcException.InvalidRequest, message is JsonArray ? Strings.BatchUnsupported : Strings.NotAnObject);
            return;
        }

        m.TryGetPropertyValue("id", out var idNode);
        var id = ValidId(idNode) ? idNode?.DeepClone() : null;
        if (idNode is not null && !ValidId(idNode))
        {
            await SendErrorAsync(null, JsonRpcException.InvalidRequest, Strings.BadId);
            return;
        }

        if (!(m.TryGetPropertyValue("jsonrpc", out var version) && version is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "2.0"))
        {
            await SendErrorAsync(id, JsonRpcException.InvalidRequest, Strings.NotJsonRpc2);
            return;
        }

        if (m.TryGetPropertyValue("method", out var methodNode))
        {
            if (methodNode is not JsonValue mv || mv.GetValueKind() != JsonValueKind.String)
            {
                await SendErrorAsync(id, JsonRpcException.InvalidRequest, Strings.BadMethod);
                return;
            }

            var method = mv.GetValue<string>();
            m.TryGetPropertyValue("params", out var parameters);
            if (id is null && idNode is null)
            {
                try
                {
                    OnNotification(method, parameters);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    await log.WriteLineAsync($"acp: notification {method}: {ex.Message}");
                }

                return;
            }

            Track(AnswerAsync(id, method, parameters, cancellationToken));
            return;
        }

        // A response to one of our requests.
        if (idNode is JsonValue iv && iv.TryGetValue<long>(out var ours) && _outgoing.TryRemove(ours, out var waiting))
        {
            if (m.TryGetPropertyValue("error", out var error) && error is not null)
                waiting.TrySetException(new JsonRpcException(ErrorCode(error), ErrorMessage(error)));
            else
                waiting.TrySetResult(m.TryGetPropertyValue("result", out var result) ? result?.DeepClone() : null);
            return;
        }

        await log.WriteLineAsync("acp: ignored a response to no request of ours: " + Shorten(line));
    }

    private void Track(Task task)
    {
        _running[task] = true;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task AnswerAsync(JsonNode? id, string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var answer = await OnRequest(method, parameters, cancellationToken);
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id?.DeepClone(), ["result"] = answer.Result ?? new JsonObject() });
            if (answer.After is { } after)
                await after();
        }
        catch (JsonRpcException ex)
        {
            await SendErrorAsync(id, ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await log.WriteLineAsync($"acp: {method} failed: {ex}");
            await SendErrorAsync(id, JsonRpcException.InternalError, $"{method}: {ex.Message}");
        }
    }

    /// <summary>Sends a notification.</summary>
    public Task NotifyAsync(string method, JsonObject parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Sends a request to the peer and waits for its result; a JSON-RPC error comes back as <see cref="JsonRpcException"/>.</summary>
    public async Task<JsonNode?> RequestAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _outgoing[id] = answer;
        try
        {
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _outgoing.TryRemove(id, out _);
        }
    }

    private Task SendErrorAsync(JsonNode? id, int code, string message) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id?.DeepClone(), ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private async Task SendAsync(JsonObject message)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString() + "\n");
        await _write.WaitAsync(CancellationToken.None);
        try
        {
            await output.WriteAsync(bytes, CancellationToken.None);
            await output.FlushAsync(CancellationToken.None);
        }
        catch (IOException ex)
        {
            await log.WriteLineAsync("acp: the client closed its input: " + ex.Message);
        }
        finally
        {
            _write.Release();
        }
    }

    private static bool ValidId(JsonNode? id) =>
        id is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number;

    private static int ErrorCode(JsonNode error) =>
        error is JsonObject o && o["code"] is JsonValue c && c.TryGetValue<int>(out var code) ? code : JsonRpcException.InternalError;

    private static string ErrorMessage(JsonNode error) =>
        error is JsonObject o && o["message"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : error.ToJsonString();

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";
}
