using System.Text.Json.Serialization;

namespace Wright.Mcp.Auth;

/// <summary>The token endpoint's answer to a client_credentials request (RFC 6749 §5.1).</summary>
internal sealed record ClientCredentialsTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }
}
