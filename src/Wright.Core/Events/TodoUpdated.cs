namespace Wright.Core.Events;

/// <summary>The model's plan changed (todo_write); hosts show the whole list.</summary>
public sealed record TodoUpdated(IReadOnlyList<TodoItem> Items) : AgentEvent;
