using Wright.Core.Events;

namespace Wright.Tools.Todo;

/// <summary>The session's current plan (per-session tool state).</summary>
public sealed class TodoList
{
    private readonly Lock _gate = new();
    private IReadOnlyList<TodoItem> _items = [];

    /// <summary>The current items.</summary>
    public IReadOnlyList<TodoItem> Items
    {
        get { lock (_gate) return _items; }
    }

    /// <summary>Replaces the list.</summary>
    public void Replace(IReadOnlyList<TodoItem> items)
    {
        lock (_gate) _items = items;
    }
}
