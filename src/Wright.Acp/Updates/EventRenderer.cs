using System.Text.Json.Nodes;
using Wright.Acp.Text;
using Wright.Core.Events;

namespace Wright.Acp.Updates;

/// <summary>
/// Turns one run's events into <c>session/update</c> payloads: text and reasoning as message and thought chunks, each
/// tool call as <c>tool_call</c> (title, kind, locations, a diff for edits) then <c>tool_call_update</c>s (in progress
/// once approved, completed or failed with its output), the todo list as <c>plan</c>, a mode change as
/// <c>current_mode_update</c>. Subagents' inner events stay inside their <c>task</c> call.
/// </summary>
internal sealed class EventRenderer(string workspace, Func<string, string?>? known = null)
{
    private const int MaxOutputChars = 64 * 1024;
    private readonly Dictionary<string, ToolCallView> _calls = new(StringComparer.Ordinal);

    /// <summary>The last error the run reported.</summary>
    public string? LastError { get; private set; }

    /// <summary>The payloads for <paramref name="item"/> (none for events an editor has no place for).</summary>
    public IEnumerable<JsonObject> Render(AgentEvent item)
    {
        switch (item)
        {
            case TextDelta text when text.Text.Length > 0:
                yield return Chunk("agent_message_chunk", text.Text);
                break;
            case ReasoningDelta reasoning when reasoning.Text.Length > 0:
                yield return Chunk("agent_thought_chunk", reasoning.Text);
                break;
            case ResponseDiscarded:
                yield return Chunk("agent_message_chunk", Strings.ResponseRetried);
                break;
            case ToolCallRequested call:
                var view = ToolCallView.Of(call.Name, call.Arguments, workspace, withDiff: true, known);
                _calls[call.CallId] = view;
                yield return new JsonObject
                {
                    ["sessionUpdate"] = "tool_call",
                    ["toolCallId"] = call.CallId,
                    ["title"] = view.Title,
                    ["kind"] = view.Kind,
                    ["status"] = "pending",
                    ["rawInput"] = AcpApprovals.RawInput(call.Arguments),
                    ["content"] = view.Content.DeepClone(),
                    ["locations"] = view.Locations.DeepClone(),
                };
                break;
            case ApprovalResolved { Allowed: true } resolved when _calls.ContainsKey(resolved.CallId):
                yield return new JsonObject { ["sessionUpdate"] = "tool_call_update", ["toolCallId"] = resolved.CallId, ["status"] = "in_progress" };
                break;
            case ToolCallFinished done:
                yield return Finished(done);
                break;
            case TodoUpdated todo:
                yield return Plan(todo.Items);
                break;
            case SettingsChanged settings:
                yield return ModeUpdate(settings.Mode);
                break;
            case ErrorOccurred error:
                LastError = error.Message;
                break;
        }
    }

    /// <summary>A <c>current_mode_update</c>.</summary>
    public static JsonObject ModeUpdate(string mode) => new() { ["sessionUpdate"] = "current_mode_update", ["currentModeId"] = mode };

    /// <summary>A message or thought chunk of text.</summary>
    public static JsonObject Chunk(string kind, string text) =>
        new() { ["sessionUpdate"] = kind, ["content"] = new JsonObject { ["type"] = "text", ["text"] = text } };

    /// <summary>The todo list as a <c>plan</c> (the whole list each time, as ACP wants).</summary>
    public static JsonObject Plan(IReadOnlyList<TodoItem> items)
    {
        var entries = new JsonArray();
        foreach (var item in items)
        {
            entries.Add((JsonNode)new JsonObject
            {
                ["content"] = item.Content,
                ["priority"] = "medium",
                ["status"] = item.Status switch { TodoStatus.InProgress => "in_progress", TodoStatus.Done => "completed", _ => "pending" },
            });
        }

        return new JsonObject { ["sessionUpdate"] = "plan", ["entries"] = entries };
    }

    private JsonObject Finished(ToolCallFinished done)
    {
        var content = new JsonArray();
        if (_calls.TryGetValue(done.CallId, out var view) && done.Status == ToolCallStatus.Ok)
        {
            foreach (var block in view.Content)
            {
                if (block?["type"]?.GetValue<string>() == "diff")
                    content.Add((JsonNode)block.DeepClone());
            }
        }

        var output = done.Result.Length <= MaxOutputChars ? done.Result : done.Result[..MaxOutputChars] + "\n…";
        if (output.Length > 0)
            content.Add((JsonNode)ToolCallView.Text(output));
        return new JsonObject
        {
            ["sessionUpdate"] = "tool_call_update",
            ["toolCallId"] = done.CallId,
            ["status"] = done.Status == ToolCallStatus.Ok ? "completed" : "failed",
            ["content"] = content,
        };
    }
}
