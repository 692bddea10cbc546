using System.Text;
using System.Text.Json;
using Wright.Core.Events;
using Wright.Core.Tools;

namespace Wright.Tools.Todo;

/// <summary><c>todo_write {items}</c>: the model's plan, replaced whole on every call and shown to the user.</summary>
public sealed class TodoWriteTool : ITool
{
    /// <inheritdoc />
    public string Name => "todo_write";

    /// <inheritdoc />
    public string Description => "Replace your task plan (shown to the user). Use for multi-step work; keep one item in_progress.";

    /// <inheritdoc />
    public JsonElement ParametersSchema { get; } = ToolRegistry.Schema("""
        {"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{
        "content":{"type":"string"},"status":{"type":"string","enum":["pending","in_progress","done"]}},
        "required":["content","status"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}
        """);

    /// <inheritdoc />
    public ToolEffect Effect => ToolEffect.ReadOnly;

    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var items = new List<TodoItem>();
        foreach (var item in arguments.GetProperty("items").EnumerateArray())
        {
            var content = item.GetProperty("content").GetString()!.Trim();
            if (content.Length == 0)
                return Task.FromResult(ToolResult.Error("Error: a todo item has empty content."));
            var status = item.GetProperty("status").GetString() switch
            {
                "in_progress" => TodoStatus.InProgress,
                "done" => TodoStatus.Done,
                _ => TodoStatus.Pending,
            };
            items.Add(new TodoItem(content, status));
        }

        context.GetState<TodoList>().Replace(items);
        context.Publish(new TodoUpdated(items));
        return Task.FromResult(ToolResult.Ok(Render(items)));
    }

    /// <summary>A compact rendering: one line per item with a status mark.</summary>
    public static string Render(IReadOnlyList<TodoItem> items)
    {
        if (items.Count == 0)
            return "Plan cleared.";
        var text = new StringBuilder();
        var done = items.Count(i => i.Status == TodoStatus.Done);
        text.Append("Plan updated (").Append(done).Append('/').Append(items.Count).AppendLine(" done):");
        foreach (var item in items)
        {
            var mark = item.Status switch
            {
                TodoStatus.Done => "[x]",
                TodoStatus.InProgress => "[>]",
                _ => "[ ]",
            };
            text.Append(mark).Append(' ').AppendLine(item.Content);
        }

        if (items.Count(i => i.Status == TodoStatus.InProgress) > 1)
            text.AppendLine("Note: more than one item is in_progress; keep one at a time.");
        return text.ToString().TrimEnd();
    }
}
