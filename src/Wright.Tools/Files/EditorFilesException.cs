namespace Wright.Tools.Files;

/// <summary>The editor could not read or write a file (it answered with an error, did not answer in time, or went away); the message says which and why.</summary>
public sealed class EditorFilesException : IOException
{
    /// <summary>Creates the exception.</summary>
    public EditorFilesException()
    {
    }

    /// <summary>Creates the exception with one clear line.</summary>
    public EditorFilesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public EditorFilesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
