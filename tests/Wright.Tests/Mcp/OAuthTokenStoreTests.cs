using ModelContextProtocol.Authentication;
using Wright.Mcp.Auth;

namespace Wright.Tests.Mcp;

/// <summary>The OAuth token store in $WRIGHT_HOME/mcp-auth: private modes, whole writes, no links followed, bound to the URL.</summary>
public sealed class OAuthTokenStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-tokens-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TokenContainer Tokens(string access) => new()
    {
        TokenType = "Bearer", AccessToken = access, RefreshToken = "r-" + access, ExpiresIn = 3600,
        ObtainedAt = DateTimeOffset.UtcNow, ClientId = "client", AuthorizationServer = "http://127.0.0.1:1/",
    };

    [Fact]
    public async Task Tokens_are_stored_0600_in_a_0700_directory_and_read_back()
    {
        var store = OAuthTokenStore.InHome(_root);
        var url = new Uri("https://mcp.example.com/mcp");
        await store.CacheFor("github", url).StoreTokensAsync(Tokens("a1"), Ct);

        var file = store.FileOf("github");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
        var read = await store.CacheFor("github", url).GetTokensAsync(Ct);
        Assert.Equal(("a1", "r-a1", "client"), (read!.AccessToken, read.RefreshToken, read.ClientId));
        Assert.Empty(Directory.GetFiles(store.Directory, "*.tmp", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public async Task Tokens_are_never_sent_to_another_url_of_the_same_name()
    {
        var store = OAuthTokenStore.InHome(_root);
        await store.CacheFor("github", new Uri("https://mcp.example.com/mcp")).StoreTokensAsync(Tokens("a1"), Ct);

        Assert.Null(await store.CacheFor("github", new Uri("https://evil.example.com/mcp")).GetTokensAsync(Ct));
        Assert.False(store.Has("github", new Uri("https://evil.example.com/mcp")));
    }

    [Fact]
    public async Task A_link_in_place_of_the_token_file_is_neither_read_nor_written_through()
    {
        var store = OAuthTokenStore.InHome(_root);
        var url = new Uri("https://mcp.example.com/mcp");
        var outside = Path.Combine(_root, "outside.json");
        await store.CacheFor("other", url).StoreTokensAsync(Tokens("planted"), Ct);
        File.Copy(store.FileOf("other"), outside);
        File.CreateSymbolicLink(store.FileOf("github"), outside);

        Assert.Null(await store.CacheFor("github", url).GetTokensAsync(Ct)); // a planted link is not read
        var before = File.ReadAllText(outside);
        await store.CacheFor("github", url).StoreTokensAsync(Tokens("mine"), Ct);

        Assert.Equal(before, File.ReadAllText(outside)); // the link was replaced, its target untouched
        Assert.Null(new FileInfo(store.FileOf("github")).LinkTarget);
        Assert.Equal("mine", (await store.CacheFor("github", url).GetTokensAsync(Ct))!.AccessToken);
    }

    [Fact]
    public async Task Logout_deletes_the_file_and_names_differing_in_unsafe_characters_never_share_one()
    {
        var store = OAuthTokenStore.InHome(_root);
        Assert.NotEqual(store.FileOf("a/b"), store.FileOf("a_b"));
        Assert.Equal(store.Directory, Path.GetDirectoryName(store.FileOf("../../etc/passwd")));
        await store.CacheFor("a/b", new Uri("https://x.example/")).StoreTokensAsync(Tokens("t"), Ct);

        Assert.True(store.Delete("a/b"));
        Assert.False(store.Delete("a/b"));
        Assert.False(File.Exists(store.FileOf("a/b")));
    }
}
