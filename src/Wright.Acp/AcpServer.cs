using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Wright.Acp.Rpc;
using Wright.Acp.Text;

namespace Wright.Acp;

/// <summary>
/// <c>wright acp</c>: Wright as an Agent Client Protocol (v1) agent over stdio. A thin host: it parses JSON-RPC, maps
/// each method to a runtime operation (<c>session/new</c> and <c>session/load</c> start a runtime session,
/// <c>session/prompt</c> runs one, <c>session/cancel</c> cancels it, <c>session/set_mode</c> sets the permission mode),
/// renders the session's events as <c>session/update</c> notifications and answers the engine's approval requests
/// through <c>session/request_permission</c>. stdout carries protocol messages only; diagnostics go to the log.
/// </summary>
public sealed partial class AcpServer
{
    /// <summary>ACP's protocol version this agent speaks.</summary>
    public const int ProtocolVersion = 1;

    private readonly JsonRpcConnection _connection;
    private readonly TextWriter _log;
    private readonly AcpOptions _options;
    private readonly ConcurrentDictionary<string, AcpSession> _sessions = new(StringComparer.Ordinal);
    private volatile bool _clientReads;
    private volatile bool _clientWrites;

    private AcpServer(Stream input, Stream output, TextWriter log, AcpOptions options)
    {
        _log = log;
        _options = options;
        _connection = new JsonRpcConnection(input, output, log) { OnRequest = HandleAsync, OnNotification = Notify };
    }

    /// <summary>Serves one client until its input ends, then closes every session it opened.</summary>
    public static async Task RunAsync(Stream input, Stream output, TextWriter log, AcpOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new AcpServer(input, output, log, options);
        try
        {
            await server._connection.RunAsync(cancellationToken);
        }
        finally
        {
            foreach (var session in server._sessions.Values)
            {
                session.Cancel();
                await session.DisposeAsync();
            }
        }
    }

    private Task<RpcAnswer> HandleAsync(string method, JsonNode? parameters, CancellationToken cancellationToken) => method switch
    {
        "initialize" => Task.FromResult(new RpcAnswer(Initialize(Params.Object(parameters, method)))),
        "authenticate" => Task.FromResult(new RpcAnswer(new JsonObject())),
        "session/new" => NewSessionAsync(Params.Object(parameters, method), cancellationToken),
        "session/load" => LoadSessionAsync(Params.Object(parameters, method), cancellationToken),
        "session/prompt" => PromptAsync(Params.Object(parameters, method), cancellationToken),
        "session/set_mode" => SetModeAsync(Params.Object(parameters, method)),
        _ => throw new JsonRpcException(JsonRpcException.MethodNotFound, Params.Format(Strings.MethodNotFound, method)),
    };

    private void Notify(string method, JsonNode? parameters)
    {
        switch (method)
        {
            case "session/cancel":
                var id = Params.String(Params.Object(parameters, method), "sessionId", method);
                if (_sessions.TryGetValue(id, out var session))
                    session.Cancel();
                else
                    _log.WriteLine("acp: " + Params.Format(Strings.UnknownSession, id));
                break;
            default:
                _log.WriteLine("acp: ignored notification " + method);
                break;
        }
    }

    private AcpSession Session(JsonObject parameters, string method)
    {
        var id = Params.String(parameters, "sessionId", method);
        return _sessions.TryGetValue(id, out var session)
            ? session
            : throw new JsonRpcException(JsonRpcException.ResourceNotFound, method + ": " + Params.Format(Strings.UnknownSession, id));
    }

    private Task SendUpdateAsync(AcpSession session, JsonObject update) =>
        _connection.NotifyAsync("session/update", new JsonObject { ["sessionId"] = session.Id, ["update"] = update });
}
