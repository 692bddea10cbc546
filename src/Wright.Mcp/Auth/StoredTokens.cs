using System.Text.Json.Serialization;

namespace Wright.Mcp.Auth;

/// <summary>What <c>$WRIGHT_HOME/mcp-auth/NAME.json</c> holds: the server's URL and its tokens and client registration.</summary>
internal sealed record StoredTokens
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("token_type")]
    public required string TokenType { get; init; }

    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("obtained_at")]
    public DateTimeOffset ObtainedAt { get; init; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    [JsonPropertyName("token_endpoint_auth_method")]
    public string? TokenEndpointAuthMethod { get; init; }

    [JsonPropertyName("authorization_server")]
    public string? AuthorizationServer { get; init; }
}
