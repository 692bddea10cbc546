namespace Wright.Tools.Files;

/// <summary>
/// A file operation that could not be done safely or at all: a link in the way of a write, a path that leads out of
/// the workspace, a FIFO or device where a file was expected, a missing file. The message is ready to show (paths
/// as the user sees them); <see cref="Errno"/> is the system error when there was one.
/// </summary>
public sealed class UnsafePathException : IOException
{
    /// <summary>Creates the exception.</summary>
    public UnsafePathException(string message, PathProblem problem, int errno = 0) : base(message)
    {
        Problem = problem;
        Errno = errno;
    }

    /// <summary>Creates the exception.</summary>
    public UnsafePathException() : this("unsafe path", PathProblem.Other) { }

    /// <summary>Creates the exception.</summary>
    public UnsafePathException(string message) : this(message, PathProblem.Other) { }

    /// <summary>Creates the exception.</summary>
    public UnsafePathException(string message, Exception inner) : base(message, inner) { }

    /// <summary>What went wrong.</summary>
    public PathProblem Problem { get; }

    /// <summary>The system error number, or 0.</summary>
    public int Errno { get; }
}
