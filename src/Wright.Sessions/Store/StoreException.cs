namespace Wright.Sessions.Store;

/// <summary>A session store problem with a message fit for the user (unknown id, newer schema, ...).</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
