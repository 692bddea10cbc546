using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Authentication;

namespace Wright.Mcp.Auth;

/// <summary>
/// OAuth tokens of remote MCP servers, one file per server in <c>$WRIGHT_HOME/mcp-auth/</c> (directory 0700, files
/// 0600, written whole through a private temporary file and a rename). A file holds the server's URL: tokens of a
/// server whose URL changed are not sent to the new URL. Links are never followed.
/// </summary>
public sealed class OAuthTokenStore(string directory)
{
    /// <summary>The directory, <c>$WRIGHT_HOME/mcp-auth</c>.</summary>
    public string Directory { get; } = directory;

    /// <summary>The store under a Wright home.</summary>
    public static OAuthTokenStore InHome(string home) => new(Path.Combine(home, "mcp-auth"));

    /// <summary>The file of a server: its name made safe, plus a short hash so that names differing only in unsafe characters never share one.</summary>
    public string FileOf(string server)
    {
        var safe = new string([.. server.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        if (safe.Length > 64)
            safe = safe[..64];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(server)))[..8];
        return Path.Combine(Directory, $"{safe}-{hash}.json");
    }

    /// <summary>Whether tokens are stored for this server at this URL.</summary>
    public bool Has(string server, Uri url) => Read(server, url) is not null;

    /// <summary>Forgets a server's tokens; returns whether there were any.</summary>
    public bool Delete(string server)
    {
        var file = FileOf(server);
        if (!File.Exists(file) && new FileInfo(file).LinkTarget is null)
            return false;
        File.Delete(file);
        return true;
    }

    /// <summary>The SDK's token cache for one server.</summary>
    public ITokenCache CacheFor(string server, Uri url) => new Cache(this, server, url);

    internal StoredTokens? Read(string server, Uri url)
    {
        var file = FileOf(server);
        var info = new FileInfo(file);
        if (!info.Exists || info.LinkTarget is not null)
            return null;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            var stored = JsonSerializer.Deserialize(stream, AuthJsonContext.Default.StoredTokens);
            return stored is not null && stored.Url == url.ToString() ? stored : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null; // an unreadable file is as good as none: the next login writes a new one
        }
    }

    internal void Write(string server, StoredTokens tokens)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the MCP token store needs POSIX file modes");
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (new DirectoryInfo(Directory).LinkTarget is not null)
            throw new IOException($"{Directory} is a link; refusing to store tokens there");
        var file = FileOf(server);
        var temp = Path.Combine(Directory, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, // never opens an existing file or link
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        try
        {
            using (var stream = new FileStream(temp, options))
                JsonSerializer.Serialize(stream, tokens, AuthJsonContext.Default.StoredTokens);
            File.Move(temp, file, overwrite: true); // rename replaces a link itself, never its target
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private sealed class Cache(OAuthTokenStore store, string server, Uri url) : ITokenCache
    {
        public ValueTask StoreTokensAsync(TokenContainer tokens, CancellationToken cancellationToken)
        {
            store.Write(server, new StoredTokens
            {
                Url = url.ToString(),
                TokenType = tokens.TokenType,
                AccessToken = tokens.AccessToken,
                RefreshToken = tokens.RefreshToken,
                ExpiresIn = tokens.ExpiresIn,
                Scope = tokens.Scope,
                ObtainedAt = tokens.ObtainedAt,
                ClientId = tokens.ClientId,
                ClientSecret = tokens.ClientSecret,
                TokenEndpointAuthMethod = tokens.TokenEndpointAuthMethod,
                AuthorizationServer = tokens.AuthorizationServer,
            });
            return ValueTask.CompletedTask;
        }

        public ValueTask<TokenContainer?> GetTokensAsync(CancellationToken cancellationToken)
        {
            var stored = store.Read(server, url);
            return ValueTask.FromResult(stored is null ? null : new TokenContainer
            {
                TokenType = stored.TokenType,
                AccessToken = stored.AccessToken,
                RefreshToken = stored.RefreshToken,
                ExpiresIn = stored.ExpiresIn,
                Scope = stored.Scope,
                ObtainedAt = stored.ObtainedAt,
                ClientId = stored.ClientId,
                ClientSecret = stored.ClientSecret,
                TokenEndpointAuthMethod = stored.TokenEndpointAuthMethod,
                AuthorizationServer = stored.AuthorizationServer,
            });
        }
    }
}
