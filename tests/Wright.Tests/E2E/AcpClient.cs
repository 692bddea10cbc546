using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Tests.Support;

namespace Wright.Tests.E2E;

/// <summary>
/// A scripted ACP client: runs <c>wright acp</c> (the real binary), sends requests and notifications as lines, answers
/// the agent's requests through <see cref="OnRequest"/>, and records every line both ways for the schema check
/// (<see cref="ValidateAsync"/>, tests/node/acp-validate.cjs against the schema of @agentclientprotocol/sdk).
/// </summary>
public sealed class AcpClient : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _transcript = [];
    private readonly List<JsonObject> _received = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _reader;
    private readonly Task<string> _stderr;
    private int _nextId;

    public AcpClient(WrightProcess wright, params string[] args)
    {
        _process = Process.Start(wright.StartInfo(["acp", .. args]))!;
        _stderr = _process.StandardError.ReadToEndAsync();
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Answers the agent's requests (method, params) with a result; null: a JSON-RPC error.</summary>
    public Func<string, JsonObject, JsonNode?> OnRequest { get; set; } = (_, _) => null;

    /// <summary>Every message the agent sent so far.</summary>
    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_gate)
                return [.. _received];
        }
    }

    /// <summary>The session/update payloads the agent sent for <paramref name="sessionId"/>, in order.</summary>
    public List<JsonObject> Updates(string sessionId) =>
        [.. Received.Where(m => m["method"]?.GetValue<string>() == "session/update" && m["params"]?["sessionId"]?.GetValue<string>() == sessionId)
            .Select(m => m["params"]!["update"]!.AsObject())];

    public string Stderr => _stderr.IsCompleted ? _stderr.Result : "(still running)";

    public async Task<JsonObject> RequestAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        await SendLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        return await WaitForAsync(m => m["id"] is JsonValue v && v.TryGetValue<int>(out var got) && got == id && m["method"] is null, $"the answer to {method}");
    }

    /// <summary>Sends a request without waiting; returns its id.</summary>
    public async Task<int> SendRequestAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        await SendLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        return id;
    }

    public Task<JsonObject> AnswerOfAsync(int id) =>
        WaitForAsync(m => m["id"] is JsonValue v && v.TryGetValue<int>(out var got) && got == id && m["method"] is null, $"the answer to request {id}");

    public Task NotifyAsync(string method, JsonObject parameters) =>
        SendLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters }.ToJsonString());

    /// <summary>Writes a raw line (malformed input tests).</summary>
    public async Task SendLineAsync(string line)
    {
        lock (_gate)
            _transcript.Add(Record("in", line));
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the first message the agent sent that matches, with a deadline.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (Received.FirstOrDefault(match) is { } found)
                return found;
            if (_reader.IsCompleted)
                throw new InvalidOperationException($"wright acp ended before {what}; stderr:\n{Stderr}");
            try
            {
                await _changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {what} within {Deadline.TotalSeconds}s; stderr so far is in the process; received:\n" +
                    string.Join("\n", Received.Select(m => m.ToJsonString())));
            }
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            JsonObject message;
            try
            {
                message = JsonNode.Parse(line)!.AsObject();
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                message = new JsonObject { ["not-json"] = line };
            }

            lock (_gate)
            {
                _transcript.Add(Record("out", line));
                _received.Add(message);
            }

            _changed.Release(1000);
            if (message["method"] is JsonValue m && message["id"] is { } id)
            {
                var result = OnRequest(m.GetValue<string>(), message["params"]?.AsObject() ?? []);
                var answer = result is null
                    ? new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "not supported by the test client" } }
                    : new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result };
                await SendLineAsync(answer.ToJsonString());
            }
        }

        _changed.Release(1000);
    }

    private static string Record(string dir, string line)
    {
        JsonNode? msg;
        try
        {
            msg = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            msg = line;
        }

        return new JsonObject { ["dir"] = dir, ["msg"] = msg }.ToJsonString();
    }

    /// <summary>Checks every message the agent sent against the ACP schema; returns the validator's report (empty errors when valid).</summary>
    public async Task<(int ExitCode, string Report)> ValidateAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wright-acp-{Guid.NewGuid():N}.jsonl");
        lock (_gate)
            File.WriteAllLines(file, _transcript);
        try
        {
            var script = Path.Combine(NodePackages.RepoRoot, "tests", "node", "acp-validate.cjs");
            NodePackages.File("@agentclientprotocol/sdk", "schema/v1/schema.json");
            var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(file);
            using var node = Process.Start(psi)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Deadline);
            await node.WaitForExitAsync(timeout.Token);
            return (node.ExitCode, await stdout + await stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Closes stdin and waits for the agent to exit (it must, at end of input).</summary>
    public async Task<int> CloseAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Deadline);
        await _process.WaitForExitAsync(timeout.Token);
        await _reader;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // gone
        }

        _process.Dispose();
    }
}
