namespace Wright.Core.Events;

/// <summary>One entry of the model's plan.</summary>
public sealed record TodoItem(string Content, TodoStatus Status);
