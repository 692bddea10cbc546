using System.Text.Json;
using System.Text.Json.Nodes;
using Wright.Acp.Rpc;
using Wright.Acp.Text;
using Wright.Acp.Updates;
using Wright.Core.Approvals;

namespace Wright.Acp;

/// <summary>
/// The ACP host's approval seam: whatever Wright's permission engine would ask a person goes to the client as
/// <c>session/request_permission</c> with allow once, allow always (only where the engine may remember the answer),
/// reject, and reject always (where the request names a rule). "Always" answers become session rules in the engine,
/// exactly as the terminal dialog's do; nothing here can allow what the engine denied, since only asked calls come here.
/// </summary>
internal sealed class AcpApprovals(JsonRpcConnection connection, TextWriter log) : IApprovalPrompt
{
    public const string AllowOnceId = "allow-once";
    public const string AllowAlwaysId = "allow-always";
    public const string RejectOnceId = "reject-once";
    public const string RejectAlwaysId = "reject-always";

    /// <summary>The session (set once it exists; no request comes before).</summary>
    public string SessionId { get; set; } = "";

    /// <summary>The canonical workspace.</summary>
    public string Workspace { get; set; } = "";

    /// <summary>The client's file system, whose text an edit's diff starts from (null: the disk).</summary>
    public AcpFiles? Files { get; init; }

    public async ValueTask<ApprovalAnswer> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = ToolCallView.Of(request.Tool, request.Arguments, Workspace, withDiff: true, Files is { } files ? files.Known : null);
        var toolCall = new JsonObject
        {
            ["toolCallId"] = request.CallId,
            ["title"] = view.Title,
            ["kind"] = view.Kind,
            ["status"] = "pending",
            ["rawInput"] = RawInput(request.Arguments),
            ["content"] = Content(view, request),
            ["locations"] = view.Locations.DeepClone(),
        };
        var options = new JsonArray((JsonNode)Option(AllowOnceId, Strings.AllowOnce, "allow_once"));
        if (request.CanRemember)
            options.Add((JsonNode)Option(AllowAlwaysId, Params.Format(Strings.AllowAlways, request.SuggestedRule), "allow_always"));
        options.Add((JsonNode)Option(RejectOnceId, Strings.RejectOnce, "reject_once"));
        if (request.SuggestedRule is { } rule)
            options.Add((JsonNode)Option(RejectAlwaysId, Params.Format(Strings.RejectAlways, rule), "reject_always"));

        JsonNode? result;
        try
        {
            result = await connection.RequestAsync("session/request_permission",
                new JsonObject { ["sessionId"] = SessionId, ["toolCall"] = toolCall, ["options"] = options }, cancellationToken);
        }
        catch (JsonRpcException ex)
        {
            await log.WriteLineAsync("acp: session/request_permission failed: " + ex.Message);
            return ApprovalAnswer.Refuse(Params.Format(Strings.ClientCouldNotAsk, ex.Message));
        }

        var outcome = result?["outcome"];
        var kind = outcome?["outcome"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : null;
        var chosen = outcome?["optionId"] is JsonValue o && o.TryGetValue<string>(out var id) ? id : null;
        if (kind == "cancelled")
            return ApprovalAnswer.No();
        return chosen switch
        {
            AllowOnceId => ApprovalAnswer.Once,
            AllowAlwaysId when request.CanRemember => ApprovalAnswer.Always,
            AllowAlwaysId => ApprovalAnswer.Once,
            RejectAlwaysId => ApprovalAnswer.Never,
            _ => ApprovalAnswer.No(),
        };
    }

    private static JsonObject Option(string id, string name, string kind) => new() { ["optionId"] = id, ["name"] = name, ["kind"] = kind };

    private static JsonArray Content(ToolCallView view, ApprovalRequest request)
    {
        var content = (JsonArray)view.Content.DeepClone();
        var why = string.IsNullOrEmpty(request.ProtectedReason) ? request.Reason : request.ProtectedReason + "; " + request.Reason;
        if (!string.IsNullOrWhiteSpace(why))
            content.Add((JsonNode)ToolCallView.Text(why));
        return content;
    }

    /// <summary>The call's arguments as JSON (null when they are not JSON).</summary>
    public static JsonNode? RawInput(string arguments)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments);
        }
        catch (JsonException)
        {
            return arguments;
        }
    }
}
