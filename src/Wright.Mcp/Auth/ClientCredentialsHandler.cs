using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wright.Mcp.Auth;

/// <summary>
/// Machine-to-machine OAuth for a remote MCP server (the client_credentials grant, no browser): finds the
/// authorization server through the server's protected-resource metadata (RFC 9728) and the authorization server's
/// metadata (RFC 8414), asks its token endpoint for a token for this resource (RFC 8707) with client_secret_basic or
/// private_key_jwt (RFC 7523, ES256 or RS256, audience = the issuer), and sends it as a bearer token; a 401 gets one
/// fresh token. The SDK's OAuth client covers only the authorization-code grant, hence this handler.
/// </summary>
internal sealed class ClientCredentialsHandler(Uri resource, McpOAuthConfig config, HttpMessageHandler inner, TimeProvider time)
    : DelegatingHandler(inner)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isMcpRequest = SameOrigin(request.RequestUri, resource);
        if (isMcpRequest)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(false, cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (!isMcpRequest || response.StatusCode != HttpStatusCode.Unauthorized)
            return response;
        response.Dispose();
        using var retry = await CloneAsync(request, cancellationToken);
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(true, cancellationToken));
        return await base.SendAsync(retry, cancellationToken);
    }

    private static bool SameOrigin(Uri? a, Uri b) =>
        a is not null && string.Equals(a.GetLeftPart(UriPartial.Authority), b.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private async Task<string> TokenAsync(bool renew, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!renew && _token is not null && time.GetUtcNow() < _expires)
                return _token;
            (_token, _expires) = await RequestTokenAsync(cancellationToken);
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<(string, DateTimeOffset)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var (resourceId, authorizationServer, scopes) = await DiscoverResourceAsync(cancellationToken);
        var (issuer, tokenEndpoint) = await DiscoverAuthorizationServerAsync(authorizationServer, cancellationToken);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = resourceId };
        var scope = scopes.Count > 0 ? scopes : config.Scopes;
        if (scope.Count > 0)
            form["scope"] = string.Join(' ', scope);
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
        if (config.PrivateKeyFile is { } keyFile)
        {
            form["client_id"] = config.ClientId!;
            form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            form["client_assertion"] = Assertion(issuer, await File.ReadAllTextAsync(keyFile, cancellationToken));
        }
        else
        {
            var basic = $"{Uri.EscapeDataString(config.ClientId!)}:{Uri.EscapeDataString(config.ClientSecret ?? "")}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        }

        request.Content = new FormUrlEncodedContent(form);
        using var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new McpLoginException($"the token endpoint {tokenEndpoint} refused the client credentials: HTTP {(int)response.StatusCode} {Clip(body)}");
        ClientCredentialsTokenResponse? token;
        try
        {
            token = JsonSerializer.Deserialize(body, AuthJsonContext.Default.ClientCredentialsTokenResponse);
        }
        catch (JsonException)
        {
            token = null;
        }

        if (token?.AccessToken is not { Length: > 0 } accessToken || !string.Equals(token.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            throw new McpLoginException($"the token endpoint {tokenEndpoint} gave no bearer access token");
        var lifetime = TimeSpan.FromSeconds(Math.Max(0, (token.ExpiresIn ?? 3600) - 30));
        return (accessToken, time.GetUtcNow() + lifetime);
    }

    private async Task<(string Resource, Uri AuthorizationServer, IReadOnlyList<string> Scopes)> DiscoverResourceAsync(CancellationToken cancellationToken)
    {
        var origin = resource.GetLeftPart(UriPartial.Authority);
        var path = resource.AbsolutePath.Trim('/');
        string[] candidates = path.Length > 0
            ? [$"{origin}/.well-known/oauth-protected-resource/{path}", $"{origin}/.well-known/oauth-protected-resource"]
            : [$"{origin}/.well-known/oauth-protected-resource"];
        foreach (var candidate in candidates)
        {
            if (await GetJsonAsync(new Uri(candidate), cancellationToken) is not { } metadata)
                continue;
            if (metadata["authorization_servers"] is not JsonArray { Count: > 0 } servers || !Uri.TryCreate(servers[0]?.ToString(), UriKind.Absolute, out var server))
                continue;
            var id = metadata["resource"]?.ToString() ?? resource.ToString();
            if (!Uri.TryCreate(id, UriKind.Absolute, out var idUri) || !SameOrigin(idUri, resource))
                throw new McpLoginException($"the protected-resource metadata names another resource ({id}) than {resource}");
            var scopes = metadata["scopes_supported"] is JsonArray s ? s.Select(x => x?.ToString() ?? "").Where(x => x.Length > 0).ToList() : [];
            return (id, server, scopes);
        }

        throw new McpLoginException($"{resource} publishes no protected-resource metadata naming an authorization server");
    }

    private async Task<(string Issuer, Uri TokenEndpoint)> DiscoverAuthorizationServerAsync(Uri server, CancellationToken cancellationToken)
    {
        var origin = server.GetLeftPart(UriPartial.Authority);
        var path = server.AbsolutePath.Trim('/');
        string[] candidates = path.Length == 0
            ? [$"{origin}/.well-known/oauth-authorization-server", $"{origin}/.well-known/openid-configuration"]
            : [$"{origin}/.well-known/oauth-authorization-server/{path}", $"{origin}/.well-known/openid-configuration/{path}", $"{origin}/{path}/.well-known/openid-configuration"];
        foreach (var candidate in candidates)
        {
            if (await GetJsonAsync(new Uri(candidate), cancellationToken) is { } metadata
                && Uri.TryCreate(metadata["token_endpoint"]?.ToString(), UriKind.Absolute, out var tokenEndpoint) && tokenEndpoint.Scheme is "http" or "https")
                return (metadata["issuer"]?.ToString() ?? server.ToString(), tokenEndpoint);
        }

        throw new McpLoginException($"the authorization server {server} publishes no metadata with a token endpoint");
    }

    private async Task<JsonObject?> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            return null;
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Assertion(string audience, string pem)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = config.SigningAlgorithm, ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iss"] = config.ClientId, ["sub"] = config.ClientId, ["aud"] = audience,
            ["iat"] = now, ["exp"] = now + 300, ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var input = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        byte[] signature;
        if (config.SigningAlgorithm == "RS256")
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            signature = rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        else
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            signature = ec.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        return $"{input}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Clip(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers)
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            clone.Content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return clone;
    }
}
