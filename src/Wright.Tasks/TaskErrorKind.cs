namespace Wright.Tasks;

/// <summary>Kinds of <see cref="TaskException"/>.</summary>
public enum TaskErrorKind
{
    /// <summary>Bad input (400).</summary>
    Invalid,

    /// <summary>No such task, attempt or approval request (404).</summary>
    NotFound,

    /// <summary>Not possible in the current state, or a merge conflict (409).</summary>
    Conflict,
}
