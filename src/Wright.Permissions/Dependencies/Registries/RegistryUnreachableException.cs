namespace Wright.Permissions.Dependencies.Registries;

/// <summary>The registry did not answer usefully (no connection, a time-out, an error status).</summary>
public sealed class RegistryUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegistryUnreachableException() : this("the registry could not be reached")
    {
    }

    /// <summary>Creates the exception with why.</summary>
    public RegistryUnreachableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with why and the cause.</summary>
    public RegistryUnreachableException(string message, Exception inner) : base(message, inner)
    {
    }
}
