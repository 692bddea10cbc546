namespace Wright.Tools.Patch;

/// <summary>A patch that cannot be applied; the message names the file and the hunk.</summary>
public sealed class PatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PatchException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public PatchException() { }

    /// <summary>Creates the exception.</summary>
    public PatchException(string message, Exception inner) : base(message, inner) { }
}
