namespace Wright.Tasks;

/// <summary>A request the scheduler refuses, with a message for the person and its kind (which maps to an HTTP status).</summary>
public sealed class TaskException : Exception
{
    public TaskException()
    {
    }

    public TaskException(string message) : base(message)
    {
    }

    public TaskException(string message, Exception inner) : base(message, inner)
    {
    }

    public TaskException(TaskErrorKind kind, string message) : base(message) => Kind = kind;

    /// <summary>What went wrong.</summary>
    public TaskErrorKind Kind { get; } = TaskErrorKind.Invalid;
}
