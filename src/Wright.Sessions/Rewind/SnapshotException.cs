namespace Wright.Sessions.Rewind;

/// <summary>
/// A workspace snapshot, listing, diff or restore could not be done: git is missing, the workspace is not a directory,
/// the snapshot id is unknown, another process held the store too long, or git failed. The message says which.
/// </summary>
public sealed class SnapshotException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public SnapshotException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public SnapshotException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public SnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
