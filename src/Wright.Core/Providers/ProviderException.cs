using Wright.Core.Events;

namespace Wright.Core.Providers;

/// <summary>
/// A provider failure normalised by the provider layer, so the engine and hosts can report it in one clear line
/// without knowing any SDK's exception types.
/// </summary>
public sealed class ProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderException(ErrorKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates an unknown-kind exception.</summary>
    public ProviderException() : this(ErrorKind.Unknown, "provider error") { }

    /// <summary>Creates an unknown-kind exception with a message.</summary>
    public ProviderException(string message) : this(ErrorKind.Unknown, message) { }

    /// <summary>Creates an unknown-kind exception with a message and cause.</summary>
    public ProviderException(string message, Exception inner) : this(ErrorKind.Unknown, message, null, null, inner) { }

    /// <summary>What kind of failure.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether sending the same request again may succeed.</summary>
    public bool IsTransient => Kind is ErrorKind.RateLimited or ErrorKind.Overloaded or ErrorKind.ServerError
        or ErrorKind.Network or ErrorKind.Timeout or ErrorKind.StreamInterrupted;
}
