namespace Wright.Tools.Shell;

/// <summary>A launcher refuses to start a command, with a message for the model and the user (e.g. the sandbox cannot protect the workspace as it is).</summary>
public sealed class CommandRefusedException : Exception
{
    /// <summary>Creates it.</summary>
    public CommandRefusedException()
    {
    }

    /// <summary>Creates it with the reason.</summary>
    public CommandRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates it with the reason and the cause.</summary>
    public CommandRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
