namespace Wright.Mcp;

/// <summary>
/// The <c>oauth</c> object of a remote server. Everything is optional: without it Wright discovers the authorization
/// server, registers itself dynamically and asks for the scopes the server names. <c>clientId</c>/<c>clientSecret</c>
/// use a pre-registered client; <c>grant: "client_credentials"</c> authenticates as a machine (no browser) with
/// <c>clientSecret</c> or an ES256/RS256 <c>privateKeyFile</c> (private_key_jwt).
/// </summary>
public sealed record McpOAuthConfig
{
    /// <summary>A pre-registered client id (no dynamic registration).</summary>
    public string? ClientId { get; init; }

    /// <summary>Its secret, for confidential clients.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Scopes to ask for when the server names none.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The loopback port of the redirect (0: any free port).</summary>
    public int CallbackPort { get; init; }

    /// <summary>An https URL of a client ID metadata document, used as client id where the server supports it.</summary>
    public Uri? ClientMetadataUrl { get; init; }

    /// <summary>"authorization_code" (the default: a person signs in) or "client_credentials" (a machine).</summary>
    public string Grant { get; init; } = "authorization_code";

    /// <summary>A PEM private key for private_key_jwt client authentication (client_credentials).</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>ES256 (default) or RS256, for <see cref="PrivateKeyFile"/>.</summary>
    public string SigningAlgorithm { get; init; } = "ES256";

    /// <summary>Whether this is the machine-to-machine grant.</summary>
    public bool IsClientCredentials => Grant == "client_credentials";
}
