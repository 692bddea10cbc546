using System.Text.Json.Nodes;
using Wright.Acp.Rpc;
using Wright.Acp.Text;
using Wright.Acp.Updates;
using Wright.Mcp;
using Wright.Permissions;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Sessions.Store;

namespace Wright.Acp;

/// <summary>initialize, session/new, session/load, session/set_mode.</summary>
public sealed partial class AcpServer
{
    private static readonly (PermissionMode Mode, string Name, string Description)[] Modes =
    [
        (PermissionMode.Plan, Strings.ModePlan, Strings.ModePlanDescription),
        (PermissionMode.Ask, Strings.ModeAsk, Strings.ModeAskDescription),
        (PermissionMode.AcceptEdits, Strings.ModeAcceptEdits, Strings.ModeAcceptEditsDescription),
        (PermissionMode.Auto, Strings.ModeAuto, Strings.ModeAutoDescription),
        (PermissionMode.Yolo, Strings.ModeYolo, Strings.ModeYoloDescription),
    ];

    private JsonObject Initialize(JsonObject parameters)
    {
        // Whatever version the client asks for, this agent speaks v1 (the client disconnects if it cannot).
        _log.WriteLine($"acp: client {parameters["clientInfo"]?["name"]} asks for protocol {parameters["protocolVersion"]}");
        // The client's file system carries the file tools' text (unsaved buffers); its terminals are never used:
        // Wright runs commands itself, in its sandbox, which a client's terminal would not be.
        _clientReads = Params.Flag(parameters, "clientCapabilities", "fs", "readTextFile");
        _clientWrites = Params.Flag(parameters, "clientCapabilities", "fs", "writeTextFile");
        _log.WriteLine($"acp: files through the client: read {(_clientReads ? "yes" : "no")}, write {(_clientWrites ? "yes" : "no")}; commands run in Wright's sandbox, never in client terminals");
        return new JsonObject
        {
            ["protocolVersion"] = ProtocolVersion,
            ["agentCapabilities"] = new JsonObject
            {
                ["loadSession"] = true,
                ["promptCapabilities"] = new JsonObject { ["image"] = false, ["audio"] = false, ["embeddedContext"] = true },
                ["mcpCapabilities"] = new JsonObject { ["http"] = true, ["sse"] = true },
            },
            ["authMethods"] = new JsonArray(),
            ["agentInfo"] = new JsonObject { ["name"] = "wright", ["title"] = "Wright", ["version"] = _options.Version },
        };
    }

    private async Task<RpcAnswer> NewSessionAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        const string Method = "session/new";
        var session = await StartAsync(parameters, Method, resume: null, cancellationToken);
        return new RpcAnswer(new JsonObject { ["sessionId"] = session.Id, ["modes"] = ModeState(session) }, () => SendCommandsAsync(session));
    }

    private async Task<RpcAnswer> LoadSessionAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        const string Method = "session/load";
        var id = Params.String(parameters, "sessionId", Method);
        if (_sessions.TryRemove(id, out var open))
        {
            open.Cancel();
            await open.DisposeAsync();
        }

        var session = await StartAsync(parameters, Method, id, cancellationToken);
        foreach (var update in HistoryReplay.Render(session.Runtime.Messages, session.Runtime.Workspace))
            await SendUpdateAsync(session, update);
        return new RpcAnswer(new JsonObject { ["modes"] = ModeState(session) }, () => SendCommandsAsync(session));
    }

    private Task<RpcAnswer> SetModeAsync(JsonObject parameters)
    {
        const string Method = "session/set_mode";
        var session = Session(parameters, Method);
        var mode = Params.String(parameters, "modeId", Method);
        var ids = AvailableModes(session).Select(m => PermissionEngine.ModeName(m.Mode)).ToList();
        if (!ids.Contains(mode, StringComparer.Ordinal))
            throw Params.Bad(Method, Params.Format(Strings.UnknownMode, mode, string.Join(", ", ids)));
        try
        {
            session.Runtime.SetMode(mode);
        }
        catch (ConfigException ex)
        {
            throw Params.Bad(Method, ex.Message);
        }

        return Task.FromResult(new RpcAnswer(new JsonObject(), () => ReportModeAsync(session, mode)));
    }

    /// <summary>Tells the client the mode, once per change.</summary>
    private async Task ReportModeAsync(AcpSession session, string mode)
    {
        lock (session)
        {
            if (session.ReportedMode == mode)
                return;
            session.ReportedMode = mode;
        }

        await SendUpdateAsync(session, EventRenderer.ModeUpdate(mode));
    }

    private async Task<AcpSession> StartAsync(JsonObject parameters, string method, string? resume, CancellationToken cancellationToken)
    {
        var cwd = Params.String(parameters, "cwd", method);
        if (!Path.IsPathFullyQualified(cwd))
            throw Params.Bad(method, Params.Format(Strings.CwdNotAbsolute, cwd));
        if (!Directory.Exists(cwd))
            throw Params.Bad(method, Params.Format(Strings.CwdMissing, cwd));
        var servers = McpServers(Params.Array(parameters, "mcpServers", method, required: false), method);

        var files = _clientReads || _clientWrites ? new AcpFiles(_connection, _clientReads, _clientWrites) : null;
        var approvals = new AcpApprovals(_connection, _log) { Files = files };
        var host = new RuntimeHost
        {
            Environment = _options.Environment,
            CurrentDirectory = cwd,
            Diagnostics = _log,
            Approvals = approvals,
        };
        RuntimeSession runtime;
        try
        {
            runtime = await WrightRuntime.StartAsync(new SessionRequest
            {
                Workspace = cwd,
                Model = _options.Model,
                PermissionMode = _options.PermissionMode,
                Effort = _options.Effort,
                MaxTurns = _options.MaxTurns,
                Resume = resume,
                ExtraMcpServers = servers,
                AllowHomeWorkspace = _options.AllowHomeWorkspace,
                Interactive = true,
                EditorFiles = files,
            }, host, cancellationToken);
        }
        catch (ConfigException ex)
        {
            throw new JsonRpcException(JsonRpcException.InvalidParams, method + ": " + ex.Message);
        }
        catch (StoreException ex)
        {
            throw new JsonRpcException(resume is null ? JsonRpcException.InternalError : JsonRpcException.ResourceNotFound, method + ": " + ex.Message);
        }

        approvals.SessionId = runtime.Id;
        approvals.Workspace = runtime.Workspace;
        if (files is not null)
        {
            files.SessionId = runtime.Id;
            files.Workspace = runtime.Workspace;
        }

        var session = new AcpSession(runtime, approvals, files) { ReportedMode = PermissionEngine.ModeName(runtime.Mode) };
        _sessions[session.Id] = session;
        _log.WriteLine($"acp: session {session.Id} in {runtime.Workspace} with {runtime.Model}, mode {session.ReportedMode}");
        return session;
    }

    /// <summary>What follows the answer to session/new and session/load: the slash commands the session offers.</summary>
    private async Task SendCommandsAsync(AcpSession session)
    {
        var commands = new JsonArray();
        foreach (var command in session.Runtime.Commands.Commands.OrderBy(c => c.Name, StringComparer.Ordinal))
            commands.Add((JsonNode)new JsonObject { ["name"] = command.Name, ["description"] = command.Description, ["input"] = new JsonObject { ["hint"] = Strings.CommandHint } });
        foreach (var skill in session.Runtime.Skills.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (session.Runtime.Commands.Find(skill.Name) is null)
                commands.Add((JsonNode)new JsonObject { ["name"] = skill.Name, ["description"] = skill.Description, ["input"] = new JsonObject { ["hint"] = Strings.SkillCommandHint } });
        }

        await SendUpdateAsync(session, new JsonObject { ["sessionUpdate"] = "available_commands_update", ["availableCommands"] = commands });
    }

    private static IEnumerable<(PermissionMode Mode, string Name, string Description)> AvailableModes(AcpSession session) =>
        Modes.Where(m => m.Mode != PermissionMode.Auto || session.Runtime.SandboxAvailable);

    private static JsonObject ModeState(AcpSession session)
    {
        var modes = new JsonArray();
        foreach (var (mode, name, description) in AvailableModes(session))
            modes.Add((JsonNode)new JsonObject { ["id"] = PermissionEngine.ModeName(mode), ["name"] = name, ["description"] = description });
        return new JsonObject { ["currentModeId"] = PermissionEngine.ModeName(session.Runtime.Mode), ["availableModes"] = modes };
    }

    /// <summary>The client's MCP servers (stdio, http, sse) as Wright's server configuration; they join the configured ones.</summary>
    private static List<McpServerConfig> McpServers(JsonArray servers, string method)
    {
        var result = new List<McpServerConfig>();
        for (var i = 0; i < servers.Count; i++)
        {
            JsonRpcException Bad(string what) => Params.Bad(method, Params.Format(Strings.BadMcpServer, i, what));
            if (servers[i] is not JsonObject server)
                throw Bad(Strings.McpServerNeedsName);
            var name = Params.OptionalString(server, "name", method);
            var type = Params.OptionalString(server, "type", method) ?? "stdio";
            var pairs = Pairs(server, type == "stdio" ? "env" : "headers", method);
            if (string.IsNullOrWhiteSpace(name))
                throw Bad(Strings.McpServerNeedsName);
            if (type is "http" or "sse")
            {
                if (!Uri.TryCreate(Params.OptionalString(server, "url", method), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                    throw Bad(Strings.McpServerBadUrl);
                result.Add(new McpServerConfig(name) { Url = url, Type = type, Headers = pairs, Required = false, Source = Strings.ClientServerSource });
            }
            else
            {
                var command = Params.OptionalString(server, "command", method);
                if (string.IsNullOrWhiteSpace(command))
                    throw Bad(Strings.McpServerNeedsName);
                var args = Params.Array(server, "args", method, required: false).Select(a => a?.GetValue<string>() ?? "").ToList();
                result.Add(new McpServerConfig(name) { Command = command, Args = args, Env = pairs, Required = false, Source = Strings.ClientServerSource });
            }
        }

        return result;
    }

    private static Dictionary<string, string> Pairs(JsonObject server, string name, string method)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Params.Array(server, name, method, required: false))
        {
            if (item is JsonObject pair && Params.OptionalString(pair, "name", method) is { } key)
                result[key] = Params.OptionalString(pair, "value", method) ?? "";
        }

        return result;
    }
}
